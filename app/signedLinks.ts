import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Board report downloads are opened in a browser, outside Teams' authentication, so each link
 * carries an expiry and an HMAC over its parameters. Anyone without a fresh link gets nothing.
 */
export function signLink(key: string, params: Record<string, string>): string {
  const canonical = Object.keys(params).sort().map((k) => `${k}=${params[k] ?? ""}`).join("&");
  return createHmac("sha256", key).update(canonical).digest("base64url");
}

export function verifyLink(key: string, params: Record<string, string>, signature: string, now: Date): boolean {
  const expires = Number(params.expires);
  if (!Number.isFinite(expires) || expires < now.getTime()) return false;
  const expected = Buffer.from(signLink(key, params));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function boardReportLinks(baseUrl: string, key: string, areaId: string, now: Date, validForMs = 7 * 24 * 60 * 60 * 1000): { html: string; markdown: string } {
  const make = (format: string) => {
    const params = { area: areaId, format, expires: String(now.getTime() + validForMs) };
    const query = new URLSearchParams({ ...params, sig: signLink(key, params) });
    return `${baseUrl}/api/board-report?${query.toString()}`;
  };
  return { html: make("html"), markdown: make("md") };
}
