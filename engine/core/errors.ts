/**
 * piecrust's `Error` enum as data. Every error the engine raises is a `PiecrustError` whose
 * `code` is the variant name (spelling kept, including `InitalizationError`) and whose `details`
 * carry the numbers that explain it, so that it can cross IPC as `{ code, message, details }`.
 */

export type ErrorCode =
  | 'CommitError'
  | 'CompositeSerializerError'
  | 'ContractDoesNotExist'
  | 'ContractPositionCollision'
  | 'FeedPulled'
  | 'InitalizationError'
  | 'InvalidArgumentBuffer'
  | 'InvalidFunction'
  | 'InvalidMemory'
  | 'MemoryAccessOutOfBounds'
  | 'MissingFeed'
  | 'MissingHostData'
  | 'MissingHostQuery'
  | 'OutOfGas'
  | 'Panic'
  | 'PersistenceError'
  | 'RuntimeError'
  | 'SessionError'
  | 'TooManyMemories'
  | 'Utf8'
  | 'ValidationError'
  // Not piecrust variants: misuse of the TypeScript API itself (closed session, bad hex…), and a
  // call stopped by its time limit or on request (engine/vm/call-context.ts).
  | 'InvalidInput'
  | 'SessionClosed'
  | 'Interrupted';

export type ErrorDetails = Record<string, string | number | boolean | null>;

/** One WebAssembly frame at a trap or panic (engine/vm/backtrace.ts), innermost first. */
export interface BacktraceFrame {
  /** The contract (hex id) whose code the frame runs. */
  contract: string;
  /** The function's index in the contract's original module (imports first). */
  funcIndex: number;
  /** Its name: demangled name-section name, else export name, else `func[N]`. */
  name: string;
}

export interface ErrorData {
  code: ErrorCode;
  message: string;
  details: ErrorDetails;
  /** Where a call trapped or panicked: the WebAssembly stack, innermost frame first. */
  backtrace?: BacktraceFrame[];
}

export class PiecrustError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;
  /** Set by the VM where a call failed inside WebAssembly (engine/vm/backtrace.ts). */
  backtrace: BacktraceFrame[] | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    details: ErrorDetails = {},
    backtrace?: BacktraceFrame[],
  ) {
    super(message);
    this.name = 'PiecrustError';
    this.code = code;
    this.details = details;
    this.backtrace = backtrace;
  }

  /** The error again from its data (what crossed a thread or IPC as `toData()`). */
  static fromData(data: ErrorData): PiecrustError {
    return new PiecrustError(data.code, data.message, data.details, data.backtrace);
  }

  toData(): ErrorData {
    const data: ErrorData = { code: this.code, message: this.message, details: this.details };
    if (this.backtrace !== undefined) data.backtrace = this.backtrace;
    return data;
  }
}

export function isPiecrustError(e: unknown, code?: ErrorCode): e is PiecrustError {
  return e instanceof PiecrustError && (code === undefined || e.code === code);
}

/** Convert anything thrown into error data without losing its message. */
export function toErrorData(e: unknown): ErrorData {
  if (e instanceof PiecrustError) return e.toData();
  if (e instanceof Error) return { code: 'RuntimeError', message: e.message, details: {} };
  return { code: 'RuntimeError', message: String(e), details: {} };
}
