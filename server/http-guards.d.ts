// Types for server/http-guards.js (plain JavaScript: the server runs without a build step).
import type { RequestHandler } from "express";

export const MAX_UPLOAD_BODY_BYTES: number;
export const MAX_FORM_BODY_BYTES: number;
export function maxBodyBytes(path: string): number;
export const rejectMalformedHost: RequestHandler;
export const limitDeclaredBody: RequestHandler;
export const closeUnreadBodies: RequestHandler;
export function withCommonHeaders(
  commonHeaders: (https: boolean) => Record<string, string>,
): RequestHandler;
export function holdSignedInUntil(
  ready: Promise<unknown>,
  sessionCookieName: string,
  maxWaitMs?: number,
): RequestHandler;
