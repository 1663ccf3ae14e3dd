/**
 * One normalised model per server, whatever carried its configuration: the settings as the
 * carrier holds them (with their layer and their position in the carrier file), and what the
 * document says about the host, the replicas, the major version, the volumes and /dev/shm.
 *
 * Readers (one module per carrier) only fill this model with what the file says. What the
 * platform adds, forces, refuses or drops is applied afterwards from the platform facts
 * (platforms/*.json) by effective.ts.
 */

/** A place in a carrier file: the 1-based line and column of a value or a key. */
export interface Position {
  file: string;
  line: number;
  column: number;
  /** Where in the document: a YAML path (spec.postgresql.parameters.work_mem), an HCL address. */
  path?: string;
}

/** Who set a value. */
export type Layer = 'default' | 'user' | 'forced';

/** What runs the server: whose rules decide what PostgreSQL finally sees. */
export type PlatformId =
  | 'cnpg'
  | 'zalando'
  | 'pgo'
  | 'stackgres'
  | 'patroni'
  | 'docker'
  | 'bitnami'
  | 'rds'
  | 'aurora'
  | 'cloudsql'
  | 'azure'
  /** PostgreSQL configured directly (e.g. the geerlingguy role editing postgresql.conf). */
  | 'postgresql';

/** The readers, by the name `--carrier` takes. */
export const CARRIERS = [
  'cnpg',
  'zalando',
  'pgo',
  'stackgres',
  'patroni',
  'compose',
  'docker-run',
  'helm-bitnami',
  'helm-cnpg',
  'helm-pgo',
  'ansible-autobase',
  'ansible-geerlingguy',
  'terraform',
] as const;
export type CarrierId = (typeof CARRIERS)[number];

/** How the carrier's own parser types a value (YAML 1.1 or 1.2 resolution, HCL literal kinds). */
export type ValueType = 'string' | 'int' | 'float' | 'bool' | 'null' | 'list' | 'map' | 'expression';

export interface CarrierValue {
  /**
   * The text the platform hands on to PostgreSQL, after its own stringification (Patroni's
   * Python str(): YAML 1.1 `on` → "True"), or null when it cannot be known here (an unrendered
   * template, a Terraform expression, a list where a scalar belongs).
   */
  text: string | null;
  /** As written in the file. */
  raw: string;
  type: ValueType;
  /** Written in quotes. */
  quoted: boolean;
  /** Why `text` is null, or how the carrier converted the value. */
  note?: string;
}

/**
 * How the platform treats the section a setting came from. Patroni-based platforms keep two
 * sections with different rules (dynamic configuration in the DCS, local configuration).
 */
export type Scope = 'map' | 'patroni-dcs' | 'patroni-local' | 'command-line' | 'managed-service';

export interface CarrierSetting {
  name: string;
  value: CarrierValue;
  layer: Layer;
  /** The section, as the carrier names it: "spec.postgresql.parameters", "bootstrap.dcs.postgresql.parameters". */
  section: string;
  scope: Scope;
  key: Position;
  at: Position;
  /** Terraform's `apply_method` for a managed service's parameter (absent: the provider's default, immediate). */
  applyMethod?: { value: string; at: Position };
}

/** postgresql.conf text inside the carrier (Bitnami's extendedConfiguration), or a file it mounts. */
export interface ConfText {
  section: string;
  /** 'embedded': text inside the carrier; 'file': a file on disk the carrier mounts as the configuration. */
  kind: 'embedded' | 'file';
  text: string;
  /** For 'file': its absolute path and display path. */
  path?: string;
  displayPath?: string;
  /**
   * For 'embedded': where line N (1-based) of the text is in the carrier: its line, and the
   * columns to add (a block scalar's indentation). A quoted or plain scalar maps every line
   * to the scalar's own position (`exact: false`).
   */
  lineMap?: { line: number; columnOffset: number; exact: boolean }[];
  /** The carrier position that names this text (the key). */
  at: Position;
  /** Settings parsed from the text (pgvet's own lossless parser), with positions in the carrier. */
  settings: CarrierSetting[];
}

/** A size or a count with the place that states it. */
export interface Stated<T> {
  value: T;
  /** As written ("500Mi", "db-custom-1-3840"). */
  raw: string;
  at: Position;
  /** How the value was derived, when it is not read directly (an instance-class lookup). */
  note?: string;
}

export interface HostSpec {
  memoryLimitBytes?: Stated<number>;
  memoryRequestBytes?: Stated<number>;
  cpuLimit?: Stated<number>;
  cpuRequest?: Stated<number>;
  hugepagesBytes?: Stated<number>;
  /** A managed service's instance class or tier, and what it means (data/instances.json). */
  instanceClass?: Stated<string>;
  /** Applied when the document states nothing (an operator's default resources): said so in `note`. */
  defaulted?: string[];
}

export interface Volumes {
  data?: Stated<number>;
  wal?: Stated<number>;
}

/** /dev/shm as the document sets it up. */
export type Shm =
  | { kind: 'docker-default'; bytes: number; note: string }
  | { kind: 'sized'; bytes: number; at: Position; raw: string; memoryBacked: boolean }
  | { kind: 'memory-unbounded'; note: string; at?: Position }
  | { kind: 'none'; note: string; at?: Position };

export interface PgVersionStated {
  /** The major version (13–18 are the ones pgvet checks; others are reported as found). */
  major: number;
  raw: string;
  at: Position;
  /** "image tag", "spec.postgresVersion", "family"… */
  from: string;
}

/** A problem reading the carrier that is not a reason to stop: an unevaluated value, a key pgvet does not know. */
export interface CarrierNote {
  message: string;
  at?: Position;
}

export interface ServerModel {
  carrier: CarrierId;
  platform: PlatformId;
  /** The resource, service or cluster name. */
  name: string;
  /** "Cluster", "postgresql", "service", "aws_db_parameter_group"… */
  kind: string;
  /** Where the server's definition starts. */
  at: Position;
  pgVersion?: PgVersionStated;
  host: HostSpec;
  /** Total members (primary included), when the document states it. */
  instances?: Stated<number>;
  /** Streaming replicas the primary feeds. */
  replicas?: Stated<number>;
  volumes: Volumes;
  shm?: Shm;
  /** Settings in ascending precedence as the carrier orders them (later sections win). */
  settings: CarrierSetting[];
  /** Configuration text (embedded or mounted) in its place in that order. */
  confTexts: ConfText[];
  /** Platform switches that change what the platform adds or forces (CNPG `enableAlterSystem`, Spilo streams…). */
  switches: Record<string, string | number | boolean>;
  /** Extra preload libraries from a dedicated field (CNPG `spec.postgresql.shared_preload_libraries`). */
  preloadLibraries?: { names: string[]; at: Position };
  notes: CarrierNote[];
}

/** What a carrier file yields. */
export interface CarrierRead {
  file: string;
  carrier: CarrierId | null;
  servers: ServerModel[];
  notes: CarrierNote[];
}
