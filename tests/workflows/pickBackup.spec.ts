import { expect } from "chai";
import { Connector, ConnectorRequest, ConnectorResponse } from "../../local/engine/connector";
import { runWorkflow } from "../../local/engine/run";
import { backupBlobNameAt, nameForm } from "../../workflows/backupNames";
import { buildRestoreWorkflow } from "../../workflows/restore";

/**
 * Both pickers (inline JavaScript, and expressions for stacks without an integration account) run through
 * the engine on one table of cases. A fake azureblob connector answers the two listings and records which
 * path the restore then reads; that read fails, so nothing else of the restore runs.
 */
const NOW = new Date("2026-12-01T12:00:00.000Z");
const at = (iso: string, run = "0858400000000000000000000CU00") => backupBlobNameAt(new Date(iso), run);
const NEWEST = at("2026-12-01T02:00:00Z", "0251A");
const NEWER = at("2026-11-30T02:00:00Z", "0251B");
const OLDER_FORM = "20261129T020000Z-0251C.json";
const OLDEST_FORM = "20261101T020000Z-0251D.json";

interface Blob {
  Name: string;
  IsFolder?: boolean;
}
interface Case {
  what: string;
  backups: Array<string | Blob>;
  partial?: string[];
  body?: Record<string, unknown>;
  /** The folder and name picked, or undefined for "nothing to restore". */
  picks: string | undefined;
}

const CASES: Case[] = [
  { what: "the newest of the newest-first names, whatever the listing order", backups: [NEWER, NEWEST, OLDER_FORM], picks: `backups/${NEWEST}` },
  { what: "the last of the older form when there is no newest-first name", backups: [OLDEST_FORM, OLDER_FORM], picks: `backups/${OLDER_FORM}` },
  { what: "never a name of another form, even one that sorts first", backups: [NEWER, "1.json", "10.json", "000-first.json"], picks: `backups/${NEWER}` },
  { what: "never a name that sorts last", backups: [OLDEST_FORM, "zzzz.json", "99999999T999999Z.json"], picks: `backups/${OLDEST_FORM}` },
  { what: "never a newest-first name whose inverted timestamp does not match its timestamp", backups: [NEWER, `100000000000000-${NEWEST.slice(16)}`], picks: `backups/${NEWER}` },
  { what: "never a name dated in the future (beyond 5 minutes of clock skew)", backups: [NEWER, at("2026-12-01T12:06:00Z"), "20261201T120600Z-0251E.json"], picks: `backups/${NEWER}` },
  { what: "a name dated within the clock skew", backups: [NEWER, at("2026-12-01T12:04:00Z", "0251F")], picks: `backups/${at("2026-12-01T12:04:00Z", "0251F")}` },
  { what: "never a name ending in .JSON or with a dot in its run id", backups: [OLDEST_FORM, NEWEST.replace(".json", ".JSON"), NEWEST.replace("-0251A.json", "-02.51A.json")], picks: `backups/${OLDEST_FORM}` },
  { what: "never a folder, whatever its name", backups: [OLDEST_FORM, { Name: NEWEST, IsFolder: true }], picks: `backups/${OLDEST_FORM}` },
  { what: "never a name of the right shape with letters for digits", backups: [OLDEST_FORM, "2026112aT020000Z-0251G.json", `${"1".padEnd(15, "x")}-20261201T020000Z-0251H.json`], picks: `backups/${OLDEST_FORM}` },
  { what: "never a partial backup when none is named", backups: [], partial: [NEWEST], picks: undefined },
  { what: "nothing in an empty folder", backups: [], picks: undefined },
  { what: "nothing when only other files are there", backups: ["notes.txt", "backup.json"], picks: undefined },
  { what: "a named backup, whatever its form", backups: [NEWEST, "my-copy.json"], body: { backup: "my-copy.json" }, picks: "backups/my-copy.json" },
  { what: "a named backup by its exact name only", backups: [NEWEST], body: { backup: NEWEST.toUpperCase() }, picks: undefined },
  { what: "a named partial backup only with allowIncomplete", backups: [NEWER], partial: [NEWEST], body: { backup: NEWEST, allowIncomplete: true }, picks: `partial/${NEWEST}` },
  { what: "not a named partial backup without allowIncomplete", backups: [NEWER], partial: [NEWEST], body: { backup: NEWEST }, picks: undefined },
  { what: "not a named partial backup with allowIncomplete other than true", backups: [NEWER], partial: [NEWEST], body: { backup: NEWEST, allowIncomplete: "true" }, picks: undefined },
  { what: "not a named partial backup with allowIncomplete 1 (equals() takes 1 for true)", backups: [NEWER], partial: [NEWEST], body: { backup: NEWEST, allowIncomplete: 1 }, picks: undefined },
  { what: "the latest when backup is null or empty", backups: [NEWER, NEWEST], body: { backup: null }, picks: `backups/${NEWEST}` },
  { what: "the latest when backup is the empty string", backups: [NEWER, NEWEST], body: { backup: "" }, picks: `backups/${NEWEST}` },
  ...[{}, 0, false, [NEWEST], 5].map((value) => ({
    what: `nothing when backup is not a file name (${JSON.stringify(value)}), never the latest`,
    backups: [NEWER, NEWEST, "5"],
    body: { backup: value },
    picks: undefined,
  })),
];

/** Answers List blobs for backups/ and partial/, and records what Get blob content is asked for (then 404s). */
class ListingConnector implements Connector {
  read: string | undefined;
  constructor(private readonly folders: Record<string, Array<string | Blob>>) {}
  async handle(request: ConnectorRequest): Promise<ConnectorResponse> {
    const path = decodeURIComponent(decodeURIComponent(request.path));
    const listing = /\/foldersV2\/\/kv-backups\/(backups|partial)$/.exec(path);
    if (listing) {
      const value = (this.folders[listing[1]] ?? []).map((b) => (typeof b === "string" ? { Name: b } : b)).map((b) => ({ ...b, Path: `/kv-backups/${listing[1]}/${b.Name}`, IsFolder: b.IsFolder ?? false }));
      return { statusCode: 200, headers: {}, body: { value } };
    }
    this.read = String(request.queries?.path);
    return { statusCode: 404, headers: {}, body: { status: 404, message: "stop here" } };
  }
}

const PARAMETERS = {
  vaultBaseUrl: "http://127.0.0.1:9/",
  keyVaultApiVersion: "2025-07-01",
  storageAccountName: "devstoreaccount1",
  containerName: "kv-backups",
  $connections: { azureblob: { connectionId: "/c/blob", connectionName: "blob", id: "/apis/azureblob" } },
};

describe("pickBackup: both pickers, one table of cases, through the engine", () => {
  for (const pickWith of ["javascript", "expressions"] as const) {
    const definition = buildRestoreWorkflow({ pickWith });
    for (const c of CASES) {
      it(`${pickWith}: ${c.what}`, async () => {
        const connector = new ListingConnector({ backups: c.backups, partial: c.partial ?? [] });
        const run = await runWorkflow(definition, { parameters: PARAMETERS, connectors: { azureblob: connector }, trigger: { body: c.body ?? {} }, timeScale: 0, now: () => NOW });
        if (c.picks === undefined) {
          expect(connector.read, "nothing is read").to.equal(undefined);
          expect(run.error?.code).to.equal("BackupNotFound");
        } else {
          expect(connector.read).to.equal(`/kv-backups/${c.picks}`);
          expect(run.error?.code).to.equal("BackupUnreadable");
        }
      });
    }
  }

  it("agrees with the TypeScript twin of the naming rules on every name of the table", () => {
    const allowed = 20261201120500;
    const valid = CASES.flatMap((c) => c.backups).map((b) => (typeof b === "string" ? b : b.Name)).filter((n) => nameForm(n, allowed) !== undefined);
    expect([...new Set(valid)].sort()).to.deep.equal(
      [NEWEST, NEWER, OLDER_FORM, OLDEST_FORM, at("2026-12-01T12:04:00Z", "0251F")].sort(),
    );
  });

  it("keeps the inline JavaScript within Consumption's 1,024 characters and Node 8 syntax", () => {
    const code = (buildRestoreWorkflow().actions.Pick_backup as { inputs: { code: string } }).inputs.code;
    expect(code.length).to.be.lessThan(1024);
    expect(() => new Function("workflowContext", code)).not.to.throw();
    expect(code).not.to.match(/\?\.|\?\?|=>|\blet\b|\bconst\b/);
  });
});
