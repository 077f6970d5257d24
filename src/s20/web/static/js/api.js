// The device's API from the page: same origin, the session token in memory only.

import { loginHash } from "./login-hash.js";

/** A failure answer of the API: `code` and the device's `err_msg` as the message. */
export class ApiError extends Error {
  constructor(code, message, field = null) {
    super(message);
    this.code = code;
    this.field = field; // the form field it belongs to, when the panel itself knows
  }
}

let token = null;
const lostListeners = new Set();
const reachListeners = new Set();

let failedAt = -Infinity;

/** Call `listener(reachable)`: false when a request got no answer, true once one sent later does. */
export function onReachability(listener) {
  reachListeners.add(listener);
}

function reached(yes, startedAt) {
  // An answer to a request sent before the last failure says nothing about now.
  if (!yes) failedAt = performance.now();
  else if (startedAt <= failedAt) return;
  for (const listener of reachListeners) listener(yes);
}

/** Call `listener(err)` whenever the device says the session is gone (code -1). */
export function onSessionLost(listener) {
  lostListeners.add(listener);
}

/** Return whether the page holds a session. */
export function loggedIn() {
  return token !== null;
}

async function request(method, path, body, contentType = "application/json") {
  const headers = {};
  if (token) headers.Token = token;
  const init = { method, headers, cache: "no-store", credentials: "omit" };
  if (body !== undefined) {
    headers["Content-Type"] = contentType;
    init.body = contentType === "application/json" ? JSON.stringify(body) : body;
  }
  let answer;
  const startedAt = performance.now();
  try {
    const response = await fetch(path, init);
    answer = await response.json();
  } catch (err) {
    reached(false, startedAt);
    throw new ApiError(0, String(err.message || err));
  }
  reached(true, startedAt);
  if (answer.code === 0) return answer.result;
  if (answer.code === -1 && token !== null) {
    token = null;
    const error = new ApiError(-1, answer.err_msg);
    for (const listener of lostListeners) listener(error);
    throw error;
  }
  throw new ApiError(answer.code, answer.err_msg);
}

/** GET `path`; resolves to `result`, rejects with ApiError. */
export const get = (path) => request("GET", path);

/** POST `body` (JSON) to `path`; resolves to `result`, rejects with ApiError. */
export const post = (path, body = {}) => request("POST", path, body);

/** POST raw `text` with `contentType` to `path`. */
export const postRaw = (path, text, contentType) => request("POST", path, text, contentType);

/** Run the challenge and log in with `password`; the token stays in this module. */
export async function login(password) {
  const challenge = await get("/ui/challenge");
  const hash = await loginHash(password, challenge.salt, challenge.nonce);
  const result = await post("/ui/login", { username: "root", hash });
  token = result.sid;
}

/** End the session on the device and forget the token. */
export async function logout() {
  try {
    if (token) await post("/ui/logout");
  } finally {
    token = null;
  }
}

/** Forget the token without asking the device (it has ended the session itself). */
export function forget() {
  token = null;
}
