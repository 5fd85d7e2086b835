export { jwtAuth } from './middleware.js';
export { createAuthorizer, flattenClaims, type AuthorizerOptions, type PolicyResponse, type SimpleResponse } from './authorizer.js';
export { AuthError } from './errors.js';
export type { JwtAuthOptions, JwtAlgorithm, ClaimRequirement, TokenSource } from './options.js';
export type { AuthFailureReason } from './verify.js';
