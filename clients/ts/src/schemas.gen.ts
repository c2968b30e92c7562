/*
 * Generated from openrpc.json (Switchyard 0.1.0) by `npm run generate`.
 * Do not edit: change the server, then run `make openrpc` (or `switchyard gen-client`).
 */

export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: "admin" | "manager" | "technician" | "reception";
  isActive: boolean;
  createdAt: string;
  updatedAt: string;
  lastSignedIn: string | null;
}

export interface CreateUserInput {
  email: string;
  password: string;
  full_name: string;
  role: "admin" | "manager" | "technician" | "reception";
}

export interface DeactivateUserInput {
  user_id: string;
}

export interface LoginInput {
  email: string;
  password: string;
}

export interface LogoutResult {
  success: boolean;
}

/**
 * The input of a procedure that takes none: an empty object (or no params at all).
 */
export interface NoInput {}

export interface Profile {
  id: string;
  user_id: string;
  full_name: string;
  email: string;
  avatar_url: string | null;
  role: "admin" | "manager" | "technician" | "reception";
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

export interface RefreshInput {
  refreshToken: string;
}

export interface SetUserRoleInput {
  user_id: string;
  role: "admin" | "manager" | "technician" | "reception";
}

export interface SetupInput {
  password: string;
}

export interface SetupResult {
  message: string;
  action: "created" | "password_reset";
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType?: "Bearer";
  expiresAt: string;
  refreshExpiresAt: string;
  user: AuthUser;
}

export interface UpdateProfileInput {
  full_name: string;
  email: string;
  avatar_url?: string | null;
}

export interface UserSummary {
  user_id: string;
  full_name: string;
  role: "admin" | "manager" | "technician" | "reception";
  is_active: boolean;
}

/**
 * Params of: Sign in with email and password
 */
export interface AuthLoginParams {
  email: string;
  password: string;
}

export type AuthLoginResult = TokenPair;

/**
 * Params of: The signed-in user, or null
 */
export interface AuthMeParams {}

export type AuthMeResult = AuthUser | null;

/**
 * Params of: Rotate the tokens
 */
export interface AuthRefreshParams {
  refreshToken: string;
}

export type AuthRefreshResult = TokenPair;

/**
 * Params of: Sign out
 */
export interface AuthLogoutParams {}

export type AuthLogoutResult = LogoutResult;

/**
 * Params of: First-time setup: create the admin, or reset its password
 */
export interface AdminSetupParams {
  password: string;
}

export type AdminSetupResult = SetupResult;

/**
 * Params of: Create a user with a role
 */
export interface AdminCreateUserParams {
  email: string;
  password: string;
  full_name: string;
  role: "admin" | "manager" | "technician" | "reception";
}

export type AdminCreateUserResult = Profile;

/**
 * Params of: Change a user's role
 */
export interface AdminSetUserRoleParams {
  user_id: string;
  role: "admin" | "manager" | "technician" | "reception";
}

export type AdminSetUserRoleResult = Profile;

/**
 * Params of: Deactivate a user
 */
export interface AdminDeactivateUserParams {
  user_id: string;
}

export type AdminDeactivateUserResult = Profile;

/**
 * Params of: The signed-in user's profile
 */
export interface ProfileGetCurrentUserParams {}

export type ProfileGetCurrentUserResult = Profile;

/**
 * Params of: Update the signed-in user's name, email and avatar
 */
export interface ProfileUpdateProfileParams {
  full_name: string;
  email: string;
  avatar_url?: string | null;
}

export type ProfileUpdateProfileResult = Profile;

/**
 * Params of: All active users (for assignment lists)
 */
export interface ProfileGetAllUsersParams {}

export type ProfileGetAllUsersResult = UserSummary[];
