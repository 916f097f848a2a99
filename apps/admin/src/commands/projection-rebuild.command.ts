import { REBUILDABLE_PROJECTIONS, RebuildableProjection } from '@trading/read-models';
import { AdminCommand, requiredString, UsageError } from './admin-command';

export const projectionRebuildCommand: AdminCommand = {
  name: 'projection:rebuild',
  synopsis: '--projection <orders|positions>',
  description: 'rebuild a read model from the log into fresh tables and switch over once caught up; the old tables are kept',
  options: { projection: { type: 'string' } },
  prepare(values) {
    const projection = requiredString(values, 'projection', '<orders|positions>');
    if (!(REBUILDABLE_PROJECTIONS as readonly string[]).includes(projection)) {
      throw new UsageError(`--projection must be one of ${REBUILDABLE_PROJECTIONS.join(', ')}, got "${projection.slice(0, 40)}"`);
    }
    return async ({ rebuilder }) => {
      const report = await rebuilder.rebuild(projection as RebuildableProjection);
      return {
        json: { ...report },
        text: `${report.projection} rebuilt and switched over: active ${report.active}, replaced one kept in ${report.previous}`,
      };
    };
  },
};
