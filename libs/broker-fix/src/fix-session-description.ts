import { ISessionDescription } from './fix-engine';
import { FixBrokerConfig } from './fix-broker.config';

/**
 * The jspurefix description of our initiator session. `qf44` is the QuickFIX FIX44.xml dictionary
 * shipped inside the jspurefix package as plain XML, so it needs no install script (the FIX
 * repository dictionaries come zipped and are unpacked only by jspurefix's postinstall).
 * Sequence numbers continue across logons (no ResetSeqNumFlag), kept in a file store.
 */
export function fixSessionDescription(config: FixBrokerConfig): ISessionDescription {
  return {
    application: {
      type: 'initiator',
      name: `${config.name}-${config.senderCompId}`,
      resilient: false,
      reconnectSeconds: 1,
      connectTimeoutSeconds: Math.max(1, Math.ceil(config.logonTimeoutMs / 1000)),
      tcp: { host: config.host, port: config.port },
      protocol: 'ascii',
      dictionary: 'qf44',
    },
    Name: config.name,
    BeginString: 'FIX.4.4',
    SenderCompId: config.senderCompId,
    TargetCompID: config.targetCompId,
    SenderSubID: '',
    TargetSubID: '',
    Username: '',
    Password: '',
    HeartBtInt: config.heartbeatSeconds,
    ResetSeqNumFlag: false,
    store: { type: 'file', directory: config.storeDirectory, resendGapFillOnly: !config.resendOrders },
  };
}
