'use strict';
// The Bot Framework around the gateway, for tests/Gateway.Web.Tests/Chat/BotbuilderInteropFacts.cs, on 127.0.0.1:
//
// - a connector: botbuilder's own ChannelServiceRoutes with a ChannelServiceHandlerBase subclass, which checks the
//   gateway's bearer token with botbuilder's own BotFrameworkAuthentication against a local OpenID metadata document
//   and key set, and records the replies it accepts;
// - the token endpoint the gateway asks for that token (client-credentials grant), issuing JWTs signed with the
//   connector's key;
// - a channel: activities signed with jose (valid, forged, expired, ...) posted to the gateway's /api/messages,
//   each also judged by botbuilder's own bot-side check, so the test can compare the gateway's verdict with it.
//
// Prints one line {"ready":true,"port":N} when it listens. Control endpoints: POST /test/send, GET /test/state.

const http = require('node:http');
const { ChannelServiceRoutes, ChannelServiceHandlerBase, ConfigurationBotFrameworkAuthentication } = require('botbuilder');
const { PasswordServiceClientCredentialFactory, AuthenticationConfiguration } = require('botframework-connector');
const jose = require('jose');

const GATEWAY_APP_ID = process.env.GATEWAY_APP_ID || 'gateway-app-id';
const GATEWAY_APP_PASSWORD = process.env.GATEWAY_APP_PASSWORD || 'gateway-app-secret';
const CHANNEL_ISSUER = 'https://api.botframework.com';
// The audience of the gateway's tokens: the scope it asks for, https://api.botframework.com/.default.
const CONNECTOR_AUDIENCE = 'https://api.botframework.com';
const ENDORSED_CHANNELS = ['webchat', 'msteams'];

const state = { replies: [], refusedReplies: [], connectorRequests: [], tokenRequests: [], sent: [] };
let base = '';
let keys;

async function makeKeys() {
  const make = async (kid) => {
    const pair = await jose.generateKeyPair('RS256', { extractable: true });
    return { kid, ...pair, jwk: { ...(await jose.exportJWK(pair.publicKey)), kid, use: 'sig', alg: 'RS256' } };
  };
  return { channel: await make('channel-key-1'), connector: await make('aad-key-1'), forger: await make('channel-key-1') };
}

// ---- The connector: botbuilder's routes and its own token check. ----

class RecordingConnector extends ChannelServiceHandlerBase {
  constructor(auth) {
    super();
    this.auth = auth;
  }

  async authenticate(authHeader) {
    try {
      return await this.auth.authenticateChannelRequest(authHeader || '');
    } catch (err) {
      state.refusedReplies.push({ reason: String(err && err.message), status: err && err.statusCode });
      throw err;
    }
  }

  record(claimsIdentity, conversationId, activityId, activity) {
    const claims = Object.fromEntries(claimsIdentity.claims.map((c) => [c.type, c.value]));
    state.replies.push({
      conversationId,
      activityId,
      verifiedBy: 'botbuilder',
      isAuthenticated: claimsIdentity.isAuthenticated,
      claims: { iss: claims.iss, aud: claims.aud, azp: claims.azp, ver: claims.ver },
      activity,
    });
    return { id: `reply-${state.replies.length}` };
  }

  async onReplyToActivity(claimsIdentity, conversationId, activityId, activity) {
    return this.record(claimsIdentity, conversationId, activityId, activity);
  }

  async onSendToConversation(claimsIdentity, conversationId, activity) {
    return this.record(claimsIdentity, conversationId, null, activity);
  }
}

function connectorAuth() {
  return new ConfigurationBotFrameworkAuthentication(
    {
      ToBotFromChannelTokenIssuer: `${base}/aad/v2.0`,
      ToBotFromChannelOpenIdMetadataUrl: `${base}/aad/v2.0/.well-known/openid-configuration`,
      ToBotFromEmulatorOpenIdMetadataUrl: `${base}/aad/v2.0/.well-known/openid-configuration`,
    },
    new PasswordServiceClientCredentialFactory(CONNECTOR_AUDIENCE, ''),
    new AuthenticationConfiguration([], async (claims) => {
      // Only the gateway's app may post here.
      const azp = (claims.find((c) => c.type === 'azp') || {}).value;
      if (azp !== GATEWAY_APP_ID) throw new Error(`Unauthorized caller ${azp}`);
    }),
  );
}

// The bot-side check botbuilder itself makes on an activity from a channel, for comparison with the gateway's.
function botSideAuth() {
  return new ConfigurationBotFrameworkAuthentication(
    {
      ToBotFromChannelTokenIssuer: CHANNEL_ISSUER,
      ToBotFromChannelOpenIdMetadataUrl: `${base}/channel/.well-known/openidconfiguration`,
      ToBotFromEmulatorOpenIdMetadataUrl: `${base}/channel/.well-known/openidconfiguration`,
    },
    new PasswordServiceClientCredentialFactory(GATEWAY_APP_ID, GATEWAY_APP_PASSWORD),
  );
}

// ---- The token endpoint and the key sets. ----

async function issueToken(form) {
  state.tokenRequests.push({
    grant_type: form.get('grant_type'),
    client_id: form.get('client_id'),
    client_secret_ok: form.get('client_secret') === GATEWAY_APP_PASSWORD,
    scope: form.get('scope'),
  });
  if (form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== GATEWAY_APP_ID
    || form.get('client_secret') !== GATEWAY_APP_PASSWORD || form.get('scope') !== `${CONNECTOR_AUDIENCE}/.default`) {
    return { status: 401, body: { error: 'invalid_client' } };
  }

  const now = Math.floor(Date.now() / 1000);
  const token = await new jose.SignJWT({ azp: GATEWAY_APP_ID, appid: GATEWAY_APP_ID, ver: '2.0' })
    .setProtectedHeader({ alg: 'RS256', kid: keys.connector.kid, typ: 'JWT' })
    .setIssuer(`${base}/aad/v2.0`)
    .setAudience(CONNECTOR_AUDIENCE)
    .setIssuedAt(now)
    .setNotBefore(now - 60)
    .setExpirationTime(now + 3599)
    .sign(keys.connector.privateKey);
  return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token } };
}

// ---- The channel: jose-signed activities to the gateway. ----

async function mint(kind, activity) {
  const now = Math.floor(Date.now() / 1000);
  let signer = keys.channel;
  let issuedAt = now - 60;
  let expires = now + 3600;
  let audience = GATEWAY_APP_ID;
  let serviceurl = activity.serviceUrl;
  let issuer = CHANNEL_ISSUER;
  switch (kind) {
    case 'valid':
    case 'unendorsed-channel':
      break;
    case 'forged':
      signer = keys.forger; // another key under the published key id
      break;
    case 'expired':
      issuedAt = now - 3600;
      expires = now - 600; // beyond the five minutes of tolerance
      break;
    case 'wrong-serviceurl':
      serviceurl = 'https://attacker.example/';
      break;
    case 'wrong-audience':
      audience = 'another-bot';
      break;
    case 'wrong-issuer':
      issuer = 'https://sts.windows.net/someone/';
      break;
    default:
      throw new Error(`unknown kind ${kind}`);
  }

  return new jose.SignJWT({ serviceurl })
    .setProtectedHeader({ alg: 'RS256', kid: signer.kid, typ: 'JWT' })
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt)
    .setExpirationTime(expires)
    .sign(signer.privateKey);
}

async function send({ gatewayUrl, kind, activity }) {
  const token = await mint(kind, activity);
  let botbuilder;
  try {
    await botSideAuth().authenticateRequest(activity, `Bearer ${token}`);
    botbuilder = 'accepted';
  } catch (err) {
    botbuilder = `refused: ${err && err.message}`;
  }

  const started = Date.now();
  const response = await fetch(`${gatewayUrl}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(activity),
  });
  const result = { kind, status: response.status, body: await response.text(), botbuilder, elapsedMs: Date.now() - started };
  state.sent.push(result);
  return result;
}

// ---- A small HTTP server with the route interface ChannelServiceRoutes registers on. ----

const routes = [];
const server = {
  add(method, pattern, handler) {
    const names = [];
    const regex = new RegExp(`^${pattern.replace(/:(\w+)/g, (_, name) => { names.push(name); return '([^/]+)'; })}$`);
    routes.push({ method, regex, names, handler });
  },
  get(p, h) { this.add('GET', p, h); },
  post(p, h) { this.add('POST', p, h); },
  put(p, h) { this.add('PUT', p, h); },
  delete(p, h) { this.add('DELETE', p, h); },
};

function wrapResponse(res) {
  let body;
  res.status = (code) => { res.statusCode = code; };
  res.send = (value) => { body = value; };
  const end = res.end.bind(res);
  res.end = (chunk) => {
    if (res.writableEnded) return undefined;
    if (chunk !== undefined) return end(chunk);
    if (body === undefined) return end();
    if (typeof body === 'object') {
      res.setHeader('Content-Type', 'application/json');
      return end(JSON.stringify(body));
    }
    return end(String(body));
  };
  return res;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => { data += chunk; });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function json(res, status, value) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify(value));
}

async function main() {
  keys = await makeKeys();
  const connector = new RecordingConnector(null);
  new ChannelServiceRoutes(connector).register(server);

  server.get('/channel/.well-known/openidconfiguration', (req, res) => json(res, 200, {
    issuer: CHANNEL_ISSUER, jwks_uri: `${base}/channel/keys`, id_token_signing_alg_values_supported: ['RS256'],
  }));
  server.get('/channel/keys', (req, res) => json(res, 200, { keys: [{ ...keys.channel.jwk, endorsements: ENDORSED_CHANNELS }] }));
  server.get('/aad/v2.0/.well-known/openid-configuration', (req, res) => json(res, 200, {
    issuer: `${base}/aad/v2.0`, jwks_uri: `${base}/aad/keys`, token_endpoint: `${base}/aad/oauth2/v2.0/token`,
  }));
  server.get('/aad/keys', (req, res) => json(res, 200, { keys: [keys.connector.jwk] }));
  server.post('/aad/oauth2/v2.0/token', async (req, res) => {
    const answer = await issueToken(new URLSearchParams(await readBody(req)));
    json(res, answer.status, answer.body);
  });
  server.post('/test/send', async (req, res) => json(res, 200, await send(JSON.parse(await readBody(req)))));
  server.get('/test/state', (req, res) => json(res, 200, state));

  const httpServer = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const route = routes.find((r) => r.method === req.method && r.regex.test(url.pathname));
    if (!route) return json(res, 404, { error: `no route for ${req.method} ${url.pathname}` });
    const match = route.regex.exec(url.pathname);
    req.params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
    if (url.pathname.startsWith('/v3/')) {
      // The path as it came on the wire, before botbuilder's routes see decoded ids.
      state.connectorRequests.push({ method: req.method, rawPath: url.pathname, bearer: /^Bearer /.test(req.headers.authorization || '') });
    }
    Promise.resolve(route.handler(req, wrapResponse(res), () => {})).catch((err) => {
      if (!res.headersSent) json(res, 500, { error: String(err && err.stack) });
    });
  });

  httpServer.listen(0, '127.0.0.1', () => {
    const { port } = httpServer.address();
    base = `http://127.0.0.1:${port}`;
    connector.auth = connectorAuth();
    process.stdout.write(`${JSON.stringify({ ready: true, port })}\n`);
  });

  // The test ends this process; it also ends when the test's end of stdin closes.
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}

main().catch((err) => {
  process.stderr.write(`${err && err.stack}\n`);
  process.exit(1);
});
