import { EngineFactory, IJsFixConfig, ISessionDescription, JsFixLoggerFactory, SessionLauncher } from './fix-engine';
import { FixOrderSession, FixSessionListener } from './fix-order.session';

/**
 * Runs one initiator connection: `run()` connects, logs on, and resolves when the session ends
 * (rejects if the first connection fails). The session object is handed out once the engine has
 * built it.
 */
export class FixSessionLauncher extends SessionLauncher {
  constructor(
    description: ISessionDescription,
    logFactory: JsFixLoggerFactory,
    private readonly listener: FixSessionListener,
    private readonly created: (session: FixOrderSession) => void,
  ) {
    super(description, null, logFactory);
  }

  protected override makeFactory(_config: IJsFixConfig): EngineFactory {
    return {
      makeSession: (config: IJsFixConfig) => {
        const session = new FixOrderSession(config, this.listener);
        this.created(session);
        return session;
      },
    };
  }
}
