import { expect } from "chai";
import { ServiceLimiter, VAULT_LIMITS } from "../../../local/keyvault/serviceLimits";
import { kv, useVaults } from "./helpers";

describe("keyvault emulator: Key Vault's documented request limits", () => {
  const startVault = useVaults();

  it("admits 4,000 transactions per 10 s window, answers the next with 429 (not counted), and admits again once the window moves on", () => {
    let now = 0;
    const limiter = new ServiceLimiter({ timeScale: 1, restoreCounts: "transactions" }, () => now);
    for (let i = 0; i < VAULT_LIMITS.transactions; i++) expect(limiter.admit("secrets", "backup"), `request ${i + 1}`).to.equal(undefined);
    expect(limiter.admit("secrets", "get")?.status).to.equal(429);
    expect(limiter.admit("keys", "list")?.status, "the limit is per vault, across kinds").to.equal(429);
    now = 9_999;
    expect(limiter.admit("secrets", "get")?.status, "still inside the window").to.equal(429);
    now = 10_000;
    expect(limiter.admit("secrets", "get"), "the first of the window has left it").to.equal(undefined);
  });

  it("counts creates apart: 300 secret creates and 20 key creates per window; restores there only under the create reading", () => {
    let now = 0;
    const create = new ServiceLimiter({ timeScale: 1, restoreCounts: "create" }, () => now);
    for (let i = 0; i < VAULT_LIMITS.createKey; i++) expect(create.admit("keys", "restore")).to.equal(undefined);
    expect(create.admit("keys", "restore")?.status).to.equal(429);
    expect(create.admit("keys", "backup"), "other transactions have their own bucket").to.equal(undefined);
    for (let i = 0; i < VAULT_LIMITS.createSecret; i++) expect(create.admit(i % 2 ? "secrets" : "certificates", "restore")).to.equal(undefined);
    expect(create.admit("secrets", "set")?.status).to.equal(429);
    const transactions = new ServiceLimiter({ timeScale: 1, restoreCounts: "transactions" }, () => now);
    for (let i = 0; i < 100; i++) expect(transactions.admit("keys", "restore")).to.equal(undefined);
  });

  it("scales the window with the time scale, and refuses a scale of 0", () => {
    let now = 0;
    const limiter = new ServiceLimiter({ timeScale: 0.001, restoreCounts: "create" }, () => now);
    for (let i = 0; i < VAULT_LIMITS.createKey; i++) limiter.admit("keys", "create");
    expect(limiter.admit("keys", "create")?.status).to.equal(429);
    now = 10;
    expect(limiter.admit("keys", "create")).to.equal(undefined);
    expect(() => new ServiceLimiter({ timeScale: 0, restoreCounts: "create" })).to.throw(/timeScale must be above 0/);
  });

  it("answers over HTTP with Key Vault's 429 once a vault's key-restore bucket is full (the create reading)", async () => {
    const vault = await startVault({ serviceLimits: { timeScale: 100, restoreCounts: "create" } });
    vault.createKey("k");
    const blob = ((await kv(vault, "POST", "keys/k/backup")).body as { value: string }).value;
    // The name is taken, so each restore is refused 409, yet counts: Key Vault carried it out.
    for (let i = 0; i < VAULT_LIMITS.createKey; i++) expect((await kv(vault, "POST", "keys/restore", { body: { value: blob } })).status).to.equal(409);
    const over = await kv(vault, "POST", "keys/restore", { body: { value: blob } });
    expect(over.status).to.equal(429);
    expect((over.body as { error: { code: string } }).error.code).to.equal("Throttled");
  });
});
