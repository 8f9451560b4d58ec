// Domain errors carry a kind; each transport (tRPC, gateway HTTP) translates them once at its edge.
export type ErrorKind = 'BAD_REQUEST' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'INTERNAL';

export class AppError extends Error {
  readonly kind: ErrorKind;
  constructor(kind: ErrorKind, message: string) {
    super(message);
    this.name = 'AppError';
    this.kind = kind;
  }
}

export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `${what} not found`);
export const forbidden = (why: string): AppError => new AppError('FORBIDDEN', why);
export const badRequest = (why: string): AppError => new AppError('BAD_REQUEST', why);
export const conflict = (why: string): AppError => new AppError('CONFLICT', why);
export const unauthorized = (why = 'sign in required'): AppError => new AppError('UNAUTHORIZED', why);
