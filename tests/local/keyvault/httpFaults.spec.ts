import { expect } from "chai";
import { KeyVaultEmulator } from "../../../local/keyvault";
import { errorOf, kv, seededRandom, useVaults } from "./helpers";

const statuses = async (vault: KeyVaultEmulator, n: number): Promise<number[]> => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await kv(vault, "GET", "secrets/s")).status);
  return out;
};

/** Fault injection and counters: what the workflows' retry policies and the CLI's reports rely on. */
describe("keyvault emulator: faults and counters", () => {
  const startVault = useVaults();

  it("throttles with 429 in Azure's shape and fails with 503 at rate 1", async () => {
    const vault = await startVault({ faults: { throttleRate: 1 } });
    vault.setSecret("s", "v");
    const throttled = await kv(vault, "GET", "secrets/s");
    expect(throttled.status).to.equal(429);
    expect(errorOf(throttled)).to.deep.equal({
      code: "Throttled",
      message: "Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached",
    });
    vault.faults = { errorRate: 1 };
    expect((await kv(vault, "GET", "secrets/s")).status).to.equal(503);
    vault.faults = {};
    expect((await kv(vault, "GET", "secrets/s")).status).to.equal(200);
  });

  it("answers 503 to every request naming an unavailable object, and only to those", async () => {
    const vault = await startVault({ faults: { unavailableObjects: ["broken"] } });
    vault.setSecret("broken", "v");
    vault.setSecret("fine", "v");
    expect(await Promise.all([1, 2, 3].map(async () => (await kv(vault, "POST", "secrets/broken/backup")).status))).to.deep.equal([503, 503, 503]);
    expect((await kv(vault, "POST", "secrets/fine/backup")).status).to.equal(200);
    expect((await kv(vault, "GET", "secrets")).status).to.equal(200);
  });

  it("never faults the 401 challenge or seeding, and a faulted request is not processed", async () => {
    const vault = await startVault({ faults: { throttleRate: 1 } });
    vault.setSecret("seeded", "v");
    expect((await kv(vault, "GET", "secrets/seeded", { token: null })).status).to.equal(401);
    expect((await kv(vault, "PUT", "secrets/new", { body: { value: "x" } })).status).to.equal(429);
    expect(vault.inventory().secrets.map((s) => s.name)).to.deep.equal(["seeded"]);
  });

  it("mixes 200, 429 and 503 reproducibly under a seeded random", async () => {
    const run = async (): Promise<number[]> => {
      const vault = await startVault({ faults: { throttleRate: 0.3, errorRate: 0.2 }, random: seededRandom(42) });
      vault.setSecret("s", "v");
      return statuses(vault, 60);
    };
    const first = await run();
    const second = await run();
    expect(second).to.deep.equal(first);
    for (const status of [200, 429, 503]) expect(first, String(status)).to.include(status);
    expect(first.filter((s) => s === 200).length).to.be.greaterThan(20);
  });

  it("serves requests with latency set", async () => {
    const vault = await startVault({ faults: { latencyMs: 5 } });
    vault.setSecret("s", "v");
    expect(await statuses(vault, 2)).to.deep.equal([200, 200]);
  });

  it("refuses fault rates outside 0..1 and a negative latency", async () => {
    const vault = await startVault();
    expect(() => (vault.faults = { throttleRate: 1.5 })).to.throw(/throttleRate/);
    expect(() => (vault.faults = { emptyPageRate: -0.1 })).to.throw(/emptyPageRate/);
    expect(() => (vault.faults = { latencyMs: -1 })).to.throw(/latencyMs/);
    let failure: unknown;
    await KeyVaultEmulator.start({ name: "bad", faults: { errorRate: 2 } }).catch((e: unknown) => (failure = e));
    expect(String(failure)).to.match(/errorRate/);
  });

  it("counts every request by status and operation, and resets in place", async () => {
    const vault = await startVault({ faults: { throttleRate: 1 } });
    vault.setSecret("s", "v");
    await kv(vault, "POST", "secrets/s/backup", { token: null });
    await kv(vault, "POST", "secrets/s/backup");
    vault.faults = {};
    await kv(vault, "POST", "secrets/s/backup");
    await kv(vault, "GET", "secrets?maxresults=5");
    await kv(vault, "GET", "deletedkeys");

    const counters = vault.counters;
    expect(counters.requests).to.equal(5);
    expect(counters.byStatus).to.deep.equal({ "401": 1, "429": 1, "200": 3 });
    expect(counters.byOperation).to.deep.equal({ "secrets.backup": 3, "secrets.list": 1, "keys.listDeleted": 1 });

    const byStatus = counters.byStatus;
    vault.resetCounters();
    expect(counters.requests).to.equal(0);
    expect(byStatus).to.deep.equal({});
    await kv(vault, "GET", "secrets/s");
    expect(vault.counters.byOperation).to.deep.equal({ "secrets.get": 1 });
  });
});
