// The login hash of the S20 API:
// md5("root:" + base64(HMAC-SHA256(key=salt, message=password)) + ":" + nonce).

import { md5Hex } from "./md5.js";
import { hmacSha256Bytes } from "./sha256.js";

const encoder = new TextEncoder();

/** Return base64 of `bytes`. */
function toBase64(bytes) {
  return btoa(String.fromCharCode(...bytes));
}

/** Return HMAC-SHA256(key, message) of two strings (UTF-8): WebCrypto if the page has it. */
export async function hmacSha256(key, message) {
  const k = encoder.encode(key);
  const m = encoder.encode(message);
  const subtle = globalThis.crypto && globalThis.crypto.subtle;
  if (!subtle) return hmacSha256Bytes(k, m);
  const cryptoKey = await subtle.importKey("raw", k, { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  return new Uint8Array(await subtle.sign("HMAC", cryptoKey, m));
}

/** Return the hash `/ui/login` takes for `password` and a challenge's `salt` and `nonce`. */
export async function loginHash(password, salt, nonce) {
  const verifier = toBase64(await hmacSha256(salt, password));
  return md5Hex(`root:${verifier}:${nonce}`);
}
