/**
 * A stand-in for the Open VSX registry on this machine, for `ovsx publish` to upload to: the real
 * registry is a network service behind an account, which a test cannot reach. It answers the calls
 * `ovsx publish` makes (the registry's version, the namespace's size limit, the upload) and judges
 * each uploaded package by the rules the registry applies to an extension's metadata on publish
 * (its ExtensionValidator, restated here in its words), refusing one that breaks a rule with the
 * registry's kind of answer. It reads the fields from the package's package.json with its
 * package.nls.json filled in, which is what vsce writes the registry's manifest from. What it cannot
 * show: that the namespace is ours, and the registry's own size limit (it reports ours, 2.5 MB, so
 * that ovsx checks that too).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readZipBuffer, type ZipEntry } from './zip';

/** The platforms Open VSX takes a package for. */
const TARGET_PLATFORMS = ['win32-x64', 'win32-ia32', 'win32-arm64', 'linux-x64', 'linux-arm64', 'linux-armhf', 'alpine-x64', 'alpine-arm64', 'darwin-x64', 'darwin-arm64', 'web', 'universal'];
const NAME = /^[\w\-+$~]+$/;
const SHORT = 255;
const DESCRIPTION = 2048;
/** Control, format, unassigned, private-use and line or paragraph separator characters: refused in the page's text. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cn}\p{Co}\p{Zl}\p{Zp}]/u;
const ZERO_WIDTH_JOINER = '\u200d';
/** The schemes Java's `URL` opens without a handler of one's own. */
const URL_SCHEMES = ['http:', 'https:', 'ftp:', 'file:', 'jar:', 'mailto:'];
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** The fields of an extension's package.json the registry reads for its page. */
export interface ExtensionManifest {
  publisher?: string;
  name?: string;
  version?: string;
  displayName?: string;
  description?: string;
  categories?: string[];
  keywords?: string[];
  license?: string;
  homepage?: string;
  repository?: string | { url?: string };
  bugs?: string | { url?: string };
  markdown?: string;
  galleryBanner?: { color?: string; theme?: string };
  qna?: string | boolean;
}

/**
 * What is wrong with `manifest` for the registry, in its words; none when it would take it. As the
 * registry does, a bad namespace, name or version is said alone, before the page's fields are read.
 */
export function openVsxIssues(manifest: ExtensionManifest, targetPlatform: string, hasLicenseFile: boolean): string[] {
  const identity = identityIssue('namespace name', 'Namespace name must not be empty.', manifest.publisher) ?? identityIssue('extension name', 'Name must not be empty.', manifest.name) ?? versionIssue(manifest.version);
  if (identity) return [identity];
  const issues: string[] = [];
  const text = (value: string | undefined, field: string, limit: number, allowed = '') => {
    if (value === undefined) return;
    const unprintable = [...value].findIndex((character) => !allowed.includes(character) && UNPRINTABLE.test(character));
    if (unprintable >= 0) issues.push(`Invalid character found in field '${field}': ${value} (index ${unprintable})`);
    length(value, field, limit);
  };
  const length = (value: string | undefined, field: string, limit: number) => {
    if (value !== undefined && value.length > limit) issues.push(`The field '${field}' exceeds the current limit of ${limit} characters.`);
  };
  const url = (value: string | undefined, field: string) => {
    if (!value) return;
    if (!isUrl(value)) issues.push(`Invalid URL in field '${field}': ${value}`);
    length(value, field, SHORT);
  };
  const oneOf = (value: string | undefined, field: string, allowed: readonly string[], orUrl = false) => {
    if (!value || allowed.includes(value) || (orUrl && isUrl(value))) return;
    issues.push(`Invalid value in field '${field}': ${value}. Allowed values: [${allowed.join(', ')}]${orUrl ? ' or a URL' : ''}`);
  };
  if (!TARGET_PLATFORMS.includes(targetPlatform)) issues.push(`Unsupported target platform '${targetPlatform}'`);
  text(manifest.displayName, 'displayName', SHORT);
  text(manifest.description, 'description', DESCRIPTION, ZERO_WIDTH_JOINER);
  for (const category of manifest.categories ?? []) text(category, 'categories', SHORT);
  for (const keyword of manifest.keywords ?? []) text(keyword, 'keywords', SHORT);
  text(manifest.license, 'license', SHORT);
  url(manifest.homepage, 'homepage');
  url(typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url, 'repository');
  url(typeof manifest.bugs === 'string' ? manifest.bugs : manifest.bugs?.url, 'bugs');
  oneOf(manifest.markdown, 'markdown', ['github', 'standard']);
  text(manifest.galleryBanner?.color, 'galleryBanner.color', 16);
  oneOf(manifest.galleryBanner?.theme, 'galleryBanner.theme', ['dark', 'light']);
  // `"qna": false` turns the Q&A link off: the registry reads it as no value.
  const qna = typeof manifest.qna === 'string' ? manifest.qna : undefined;
  oneOf(qna, 'qna', ['marketplace', 'false'], true);
  length(qna, 'qna', SHORT);
  // ovsx asks for a licence when it packages for open-vsx.org, and the registry's terms want one.
  if (!manifest.license && !hasLicenseFile) issues.push('This extension cannot be accepted because it has no license.');
  return issues;
}

function identityIssue(what: string, empty: string, value: string | undefined): string | undefined {
  if (!value || value === '-') return empty;
  if (!NAME.test(value)) return `Invalid ${what}: ${value}`;
  if (value.length > SHORT) return `The ${what} exceeds the current limit of ${SHORT} characters.`;
  return undefined;
}

function versionIssue(version: string | undefined): string | undefined {
  if (!version) return 'Version must not be empty.';
  if (['latest', 'pre-release', 'reviews'].includes(version)) return `The version string '${version}' is reserved.`;
  if (!SEMVER.test(version)) return 'Invalid semantic version. See https://semver.org/.';
  return undefined;
}

/**
 * An absolute URL (a `git+` prefix allowed) that Java's `URI` parses and its `URL` can open, as
 * the registry checks: no spaces, a scheme Java has a handler for, a host when it is http(s).
 */
function isUrl(value: string): boolean {
  const link = value.startsWith('git+') && value.length > 4 ? value.slice(4) : value;
  if (/[\s"<>\\^`{|}]/.test(link)) return false;
  try {
    const parsed = new URL(link);
    if (!URL_SCHEMES.includes(parsed.protocol)) return false;
    return !/^https?:$/.test(parsed.protocol) || parsed.hostname !== '';
  } catch {
    return false;
  }
}

/** A package's package.json as the registry reads it: `%key%` values from its package.nls.json. */
export function manifestOf(entries: ZipEntry[]): { manifest: ExtensionManifest; targetPlatform: string; hasLicenseFile: boolean } {
  const file = (name: string) => entries.find((entry) => entry.name.toLowerCase() === name.toLowerCase())?.data.toString('utf8');
  const raw = file('extension/package.json');
  if (raw === undefined) throw new Error('Manifest not found.');
  const strings = JSON.parse(file('extension/package.nls.json') ?? '{}') as Record<string, string>;
  const manifest = JSON.parse(raw, (_key, value: unknown) => {
    const placeholder = typeof value === 'string' ? /^%([^%]+)%$/.exec(value) : null;
    return placeholder && strings[placeholder[1]] !== undefined ? strings[placeholder[1]] : value;
  }) as ExtensionManifest;
  const targetPlatform = /TargetPlatform="([^"]+)"/.exec(file('extension.vsixmanifest') ?? '')?.[1] ?? 'universal';
  const hasLicenseFile = entries.some((entry) => /^extension\/licen[cs]e(\.(md|txt))?$/i.test(entry.name));
  return { manifest, targetPlatform, hasLicenseFile };
}

/** One upload the stand-in took. */
export interface Published {
  namespace: string;
  name: string;
  version: string;
  targetPlatform: string;
  bytes: number;
}

/** The stand-in, listening on 127.0.0.1. */
export class OpenVsxStandIn {
  readonly published: Published[] = [];
  readonly refused: string[] = [];
  private readonly server = http.createServer((request, response) => void this.answer(request, response));

  constructor(
    private readonly token: string,
    private readonly sizeLimit: number,
  ) {}

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async answer(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const url = new URL(request.url ?? '/', 'http://stand-in');
    if (request.method === 'GET' && url.pathname === '/api/version') return reply(200, { version: '1.3.0', maxExtensionSize: this.sizeLimit });
    if (request.headers.authorization !== `Bearer ${this.token}`) return reply(403, { error: 'Invalid access token.' });
    if (request.method === 'GET' && url.pathname === '/api/-/size-limit') return reply(200, { maxSize: this.sizeLimit });
    if (request.method !== 'POST' || url.pathname !== '/api/-/publish') return reply(404, { error: `No ${request.method} ${url.pathname} here` });
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    try {
      const { manifest, targetPlatform, hasLicenseFile } = manifestOf(readZipBuffer(body, 'the upload'));
      const issues = openVsxIssues(manifest, targetPlatform, hasLicenseFile);
      if (issues.length > 0) {
        this.refused.push(...issues);
        return reply(400, { error: issues.join('\n') });
      }
      const published = { namespace: manifest.publisher ?? '', name: manifest.name ?? '', version: manifest.version ?? '', targetPlatform, bytes: body.length };
      this.published.push(published);
      return reply(201, published);
    } catch (error) {
      this.refused.push(String(error));
      return reply(400, { error: `The upload is not an extension package: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
}
