// Type declarations for net-guide.js (the widget's module script). See README "Embed it".

export type Audience = 'patient' | 'caregiver' | 'clinician';
export type Site =
  | 'pancreas' | 'duodenum' | 'stomach' | 'small_intestine' | 'appendix' | 'colon' | 'rectum'
  | 'lung' | 'unknown_primary';

/** The reader's answers (SPEC §5). Unknown answers are left out of what the widget returns. */
export interface Profile {
  site?: Site;
  differentiation?: 'well' | 'poor' | null;
  grade?: 'G1' | 'G2' | 'G3' | 'NEC' | 'typical_carcinoid' | 'atypical_carcinoid' | 'LCNEC' | 'SCLC' | null;
  /** Percent, 0–100. */
  ki67?: number | null;
  stage?: 'localized' | 'locoregional' | 'metastatic' | 'limited_stage' | 'extensive_stage' | null;
  resectable?: boolean | null;
  /** Largest primary, above 0 and at most 50. */
  size_cm?: number | null;
  functional_syndrome?: 'none' | 'carcinoid_syndrome' | 'insulinoma' | 'gastrinoma' | 'vipoma' | 'glucagonoma' | null;
  symptoms_controlled?: boolean | null;
  sstr_positive?: boolean | null;
  progression?: 'not_applicable' | 'stable' | 'progressive' | null;
  /** Option ids (SPEC §6) already received. */
  prior_therapies?: string[];
  /** 0–120. */
  age_years?: number | null;
  gastric_type?: 1 | 2 | 3 | null;
  hereditary_syndrome?: 'none' | 'MEN1' | 'VHL' | 'NF1' | 'TSC' | null;
  liver_dominant?: boolean | null;
  risk_features?: Array<'lymphovascular_invasion' | 'mesoappendiceal_invasion' | 'positive_margin' | 'appendix_base' | 'muscularis_invasion' | 'node_positive'>;
}

/**
 * Settings for `mount()`: the same names and values as the element's attributes (camelCase
 * or the attribute spelling), plus any answer of `Profile` (e.g. `site`, `sizeCm`).
 * A value the widget does not understand is never thrown: it shows a polite notice inside
 * the widget and uses the default.
 */
export interface MountOptions extends Profile {
  audience?: Audience;
  /** `off`: nothing stored; `audience` (default): only the audience choice, plus the answers
   * if the reader ticks "Remember my answers on this device"; `all`: the answers too. */
  remember?: 'off' | 'audience' | 'all';
  theme?: 'light' | 'dark' | 'auto';
  /** Level of the widget's title heading, 1–5 (default 2); its sections are one below. */
  headingLevel?: 1 | 2 | 3 | 4 | 5 | '1' | '2' | '3' | '4' | '5';
  /** `copy` (default): "Copy a share link" copies host URL + fragment; `url`: also puts the
   * fragment in the page's address; `off`: no share button. */
  share?: 'copy' | 'url' | 'off';
  /** Scopes storage keys and the share fragment (default: the element's id). */
  storageKey?: string;
  sizeCm?: number | null;
  functionalSyndrome?: Profile['functional_syndrome'];
  symptomsControlled?: boolean | null;
  sstrPositive?: boolean | null;
  priorTherapies?: string[];
  ageYears?: number | null;
  gastricType?: 1 | 2 | 3 | null;
  hereditarySyndrome?: Profile['hereditary_syndrome'];
  liverDominant?: boolean | null;
  riskFeatures?: Profile['risk_features'];
}

/** SPEC §6. */
export interface Decision {
  options: Array<{ id: string; label: string; rationale: string; cites: string[] }>;
  excluded: Array<{ id: string; reason: string }>;
  notes: string[];
}

export type ReplyKind = 'answer' | 'urgent' | 'needs_clinician' | 'out_of_scope';

export interface ReplyAnswer { topic: string; id: string; title: string; text: string; cites: string[]; score: number }

/** SPEC §7. */
export interface Reply {
  kind: ReplyKind;
  /** Guardrail or low-confidence words, shown first ("" for a plain answer). */
  message: string;
  low_confidence: boolean;
  answers: ReplyAnswer[];
  /** General background under a needs_clinician or urgent message. */
  background: ReplyAnswer[];
  topics: string[];
  suggestions: string[];
}

export interface AskOptions {
  audience?: Audience;
  /** Ask as if from this topic's page. */
  topic?: string;
}

/**
 * A mounted widget. Once it is unmounted or replaced (a second `mount` on the same element)
 * the handle is inert: setters return false, `audience` is undefined and `profile`,
 * `decide()` and `ask()` return null.
 */
export interface NetGuideHandle {
  /** False (and a notice in the widget) for an unknown audience. Not remembered as the
   * reader's own choice. */
  setAudience(audience: Audience): boolean;
  readonly audience: Audience | undefined;
  /** Replaces the answers and shows the tailored results; false if something was left out. */
  setProfile(profile: Profile): boolean;
  readonly profile: Profile | null;
  decide(): Decision | null;
  ask(question: string, options?: AskOptions): Reply | null;
  /** Applies settings after load, as attribute changes do. */
  configure(options: MountOptions): boolean;
  unmount(): void;
}

/** Mounts a widget into `element`, replacing one already mounted there. */
export function mount(element: Element, options?: MountOptions): Promise<NetGuideHandle>;

export interface NetGuideEventMap {
  /** After the handle exists (`element.handle`). */
  'net-guide:ready': CustomEvent<{ audience: Audience }>;
  'net-guide:audience-change': CustomEvent<{ audience: Audience }>;
  /** The reader's (or the host's) answers changed. */
  'net-guide:profile-change': CustomEvent<{ profile: Profile }>;
  /** A follow-up question was asked in the widget: the kind of reply and its topic ids, never the question. */
  'net-guide:question': CustomEvent<{ kind: ReplyKind; topics: string[] }>;
  /** The reader made a share link (host URL + this widget's fragment). */
  'net-guide:share': CustomEvent<{ url: string }>;
}

export interface NetGuideElement extends HTMLElement {
  /** The widget's handle; null until `net-guide:ready` and after its `unmount()`. */
  readonly handle: NetGuideHandle | null;
  addEventListener<K extends keyof NetGuideEventMap>(type: K, listener: (this: NetGuideElement, ev: NetGuideEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'net-guide': NetGuideElement;
  }
}
