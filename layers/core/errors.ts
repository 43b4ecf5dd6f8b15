/**
 * Input a model cannot use: the caller's mistake, not a fault of the model. Each model throws a
 * subclass (e.g. the carbon inventory checks, an unknown methodology, a land-cover class absent
 * from the pools table); a service answers every one of them with 422 by catching this type,
 * never by reading the message.
 */
export class ModelInputError extends Error {
  /** Stable machine-readable kind, e.g. 'missing_lucode'. */
  readonly code: string;
  /** Short title of the kind of problem (a problem+json `title`), e.g. 'Unknown methodology'. */
  readonly title: string;
  /** What is wrong, and how to fix it where known (a problem+json `detail`). */
  readonly detail: string;
  /** Structured facts for the caller (problem+json extension members), e.g. `{ missing_classes: [200] }`. */
  readonly extensions: Readonly<Record<string, unknown>>;
  /** The title and detail in Chinese (zh-CN), answered unless the caller prefers English; absent = English only. */
  readonly zh?: { title: string; detail: string };

  constructor(init: ModelInputErrorInit) {
    super(init.message ?? init.detail);
    this.name = 'ModelInputError';
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.extensions = init.extensions ?? {};
    if (init.zh) this.zh = init.zh;
  }

  /** What rebuilds this error elsewhere (e.g. on the other side of a worker thread). */
  toInit(): ModelInputErrorInit {
    return { code: this.code, title: this.title, detail: this.detail, message: this.message, extensions: { ...this.extensions }, ...(this.zh ? { zh: this.zh } : {}) };
  }
}

export interface ModelInputErrorInit {
  code: string;
  title: string;
  detail: string;
  message?: string;
  extensions?: Record<string, unknown>;
  zh?: { title: string; detail: string };
}
