import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The orders read model: one row per order (every field the Alpaca order object shows, plus what
 * the domain's evolve needs to fold the next event into it), its fills, its event timeline, and
 * how far each projection has got in each account stream. Decimals are `numeric` without a
 * scale, so PostgreSQL keeps the exact text (`150.00` stays `150.00`).
 */
export class CreateOrderReadModel1796000000000 implements MigrationInterface {
  name = 'CreateOrderReadModel1796000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE projection_streams (
        projection varchar(128) NOT NULL,
        stream_id  varchar(128) NOT NULL,
        account_id varchar(128) NOT NULL,
        last_seq   bigint       NOT NULL CHECK (last_seq >= 0),
        updated_at timestamptz  NOT NULL,
        PRIMARY KEY (projection, stream_id)
      )`);
    await runner.query(`
      CREATE TABLE orders (
        order_id         varchar(128) PRIMARY KEY,
        account_id       varchar(128) NOT NULL,
        client_order_id  varchar(128) NOT NULL,
        symbol           varchar(32)  NOT NULL,
        side             varchar(4)   NOT NULL CHECK (side IN ('buy', 'sell')),
        type             varchar(16)  NOT NULL CHECK (type IN ('market', 'limit', 'stop', 'stop_limit')),
        time_in_force    varchar(8)   NOT NULL CHECK (time_in_force IN ('day', 'gtc', 'ioc', 'fok')),
        qty              numeric      NULL CHECK (qty > 0),
        notional         numeric      NULL CHECK (notional > 0),
        limit_price      numeric      NULL CHECK (limit_price > 0),
        stop_price       numeric      NULL CHECK (stop_price > 0),
        status           varchar(20)  NOT NULL CHECK (status IN ('pending_new', 'accepted', 'new', 'partially_filled',
                           'pending_cancel', 'pending_replace', 'filled', 'canceled', 'expired', 'replaced', 'rejected')),
        venue_status     varchar(8)   NULL CHECK (venue_status IN ('accepted', 'new')),
        cancel_pending   boolean      NOT NULL,
        filled_qty       numeric      NOT NULL CHECK (filled_qty >= 0),
        filled_notional  numeric      NOT NULL CHECK (filled_notional >= 0),
        filled_avg_price numeric      NULL,
        reserved_cash    numeric      NOT NULL CHECK (reserved_cash >= 0),
        execution_ids    text[]       NOT NULL,
        risk             jsonb        NOT NULL,
        replaces         varchar(128) NULL,
        replaced_by      varchar(128) NULL,
        submitted_at     timestamptz  NOT NULL,
        updated_at       timestamptz  NOT NULL,
        filled_at        timestamptz  NULL,
        canceled_at      timestamptz  NULL,
        expired_at       timestamptz  NULL,
        replaced_at      timestamptz  NULL,
        failed_at        timestamptz  NULL,
        stream_id        varchar(128) NOT NULL,
        last_seq         bigint       NOT NULL CHECK (last_seq >= 1),
        CHECK ((qty IS NULL) <> (notional IS NULL))
      )`);
    await runner.query('CREATE INDEX orders_account_status_submitted_idx ON orders (account_id, status, submitted_at, order_id)');
    await runner.query('CREATE INDEX orders_account_submitted_idx ON orders (account_id, submitted_at, order_id)');
    await runner.query('CREATE INDEX orders_account_client_order_id_idx ON orders (account_id, client_order_id)');
    await runner.query(`
      CREATE TABLE order_fills (
        execution_id varchar(128) PRIMARY KEY,
        order_id     varchar(128) NOT NULL,
        account_id   varchar(128) NOT NULL,
        symbol       varchar(32)  NOT NULL,
        side         varchar(4)   NOT NULL CHECK (side IN ('buy', 'sell')),
        qty          numeric      NOT NULL CHECK (qty > 0),
        price        numeric      NOT NULL CHECK (price > 0),
        venue        varchar(128) NULL,
        executed_at  timestamptz  NULL,
        recorded_at  timestamptz  NOT NULL,
        stream_id    varchar(128) NOT NULL,
        seq          bigint       NOT NULL CHECK (seq >= 1)
      )`);
    await runner.query('CREATE INDEX order_fills_order_idx ON order_fills (order_id, seq)');
    await runner.query('CREATE INDEX order_fills_account_idx ON order_fills (account_id, recorded_at)');
    await runner.query(`
      CREATE TABLE order_events (
        order_id       varchar(128) NOT NULL,
        account_id     varchar(128) NOT NULL,
        stream_id      varchar(128) NOT NULL,
        seq            bigint       NOT NULL CHECK (seq >= 1),
        event_id       uuid         NOT NULL,
        type           varchar(128) NOT NULL,
        schema_version integer      NOT NULL,
        occurred_at    timestamptz  NOT NULL,
        correlation_id varchar(128) NOT NULL,
        causation_id   varchar(128) NULL,
        payload        jsonb        NOT NULL,
        PRIMARY KEY (order_id, stream_id, seq)
      )`);
    await runner.query('CREATE INDEX order_events_account_idx ON order_events (account_id, stream_id, seq)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE order_events');
    await runner.query('DROP TABLE order_fills');
    await runner.query('DROP TABLE orders');
    await runner.query('DROP TABLE projection_streams');
  }
}
