/**
 * The example's in-memory store, seeded at start: users, OAuth clients,
 * tokens, provider catalogs and apps. Everything a request changes lives here
 * and dies with the process.
 */
import { Context, Effect, Layer } from "effect"

export interface User {
  readonly id: string
  readonly email: string
  readonly name: string
  /** Profile data imported from the old system, as text; one record of it is corrupt. */
  readonly legacyProfile?: string
}

export interface Client {
  readonly id: string
  readonly secret: string
  readonly name: string
  /** The user a client_credentials token acts for. */
  readonly owner: string
  readonly redirectUris: ReadonlyArray<string>
  readonly grantTypes: ReadonlyArray<string>
  readonly scopes: ReadonlyArray<string>
}

export interface Token {
  readonly value: string
  readonly user: string
  readonly client: string
  readonly scopes: ReadonlyArray<string>
  /** Epoch milliseconds. */
  readonly expiresAt: number
  readonly revoked: boolean
}

export interface App {
  readonly id: string
  readonly name: string
  readonly description?: string
  readonly redirect_uris: ReadonlyArray<string>
  readonly owner: string
  readonly created_at: string
}

export interface Provider {
  readonly id: string
  readonly name: string
  readonly kind: string
}

const hour = 3_600_000

/** The demo users, clients and tokens the README's curl lines use. */
export const seed = (now: number) => ({
  users: [
    { id: "u_alice", email: "alice@example.com", name: "Alice" },
    { id: "u_bob", email: "bob@example.com", name: "Bob" },
    { id: "u_admin", email: "admin@example.com", name: "Admin" },
    // an import from the old system left this record's profile truncated: reading it fails unexpectedly
    { id: "u_legacy", email: "legacy@example.com", name: "Legacy", legacyProfile: "{\"plan\":\"gold\",\"card\":\"4111" }
  ] satisfies Array<User>,
  clients: [
    {
      id: "demo-client",
      secret: "demo-secret",
      name: "Demo client",
      owner: "u_alice",
      redirectUris: ["https://app.example/callback"],
      grantTypes: ["client_credentials", "refresh_token"],
      scopes: ["apps:read", "apps:write", "profile"]
    }
  ] satisfies Array<Client>,
  tokens: [
    { value: "alice-token", user: "u_alice", client: "demo-client", scopes: ["apps:read", "apps:write", "profile"] },
    { value: "bob-token", user: "u_bob", client: "demo-client", scopes: ["apps:read", "profile"] },
    { value: "admin-token", user: "u_admin", client: "demo-client", scopes: ["admin", "profile"] },
    { value: "expired-token", user: "u_alice", client: "demo-client", scopes: ["profile"], expiresAt: now - hour },
    { value: "revoked-token", user: "u_alice", client: "demo-client", scopes: ["profile"], revoked: true }
  ].map((token): Token => ({ expiresAt: now + 24 * hour, revoked: false, ...token })),
  refreshTokens: new Map([["demo-refresh-token", {
    user: "u_alice",
    client: "demo-client",
    scope: "apps:read profile"
  }]]),
  apps: [
    {
      id: "app_1",
      name: "Alice's dashboard",
      redirect_uris: ["https://dashboard.example/callback"],
      owner: "u_alice",
      created_at: "2026-01-05T10:00:00.000Z"
    },
    {
      id: "app_2",
      name: "Bob's bot",
      description: "Posts the weather",
      redirect_uris: [],
      owner: "u_bob",
      created_at: "2026-02-11T08:30:00.000Z"
    }
  ] satisfies Array<App>,
  authProviders: [
    { id: "google", name: "Google", kind: "oidc" },
    { id: "github", name: "GitHub", kind: "oauth2" }
  ] satisfies Array<Provider>,
  integrationProviders: [
    { id: "slack", name: "Slack", kind: "webhook" },
    { id: "stripe", name: "Stripe", kind: "api-key" }
  ] satisfies Array<Provider>
})

/** The store as a service: plain maps, since every access is synchronous. */
export class Store extends Context.Service<Store, {
  readonly users: Map<string, User>
  readonly clients: Map<string, Client>
  readonly tokens: Map<string, Token>
  readonly refreshTokens: Map<string, { readonly user: string; readonly client: string; readonly scope: string }>
  readonly apps: Map<string, App>
  readonly authProviders: ReadonlyArray<Provider>
  readonly integrationProviders: ReadonlyArray<Provider>
  readonly nextId: (prefix: string) => string
}>()("example/Store") {
  static readonly layer = Layer.effect(
    Store,
    Effect.sync(() => {
      const data = seed(Date.now())
      let counter = 100
      return Store.of({
        users: new Map(data.users.map((user) => [user.id, user])),
        clients: new Map(data.clients.map((client) => [client.id, client])),
        tokens: new Map(data.tokens.map((token) => [token.value, token])),
        refreshTokens: data.refreshTokens,
        apps: new Map(data.apps.map((app) => [app.id, app])),
        authProviders: data.authProviders,
        integrationProviders: data.integrationProviders,
        nextId: (prefix) => `${prefix}_${++counter}`
      })
    })
  )
}
