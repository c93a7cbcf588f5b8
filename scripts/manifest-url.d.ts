export const DEV_URL: string;
export function normaliseAddinUrl(url: string): string;
export function withAddinUrl(manifestXml: string, addinUrl: string): string;
