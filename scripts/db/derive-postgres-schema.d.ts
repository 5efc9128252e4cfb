export const CANONICAL: string;
export const DERIVED: string;
export function derivePostgresSchema(canonical: string): string;
