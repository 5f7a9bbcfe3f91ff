import { expect } from "chai";
import * as vm from "node:vm";
import { JavaScriptCodeAction } from "../../workflows/definition";
import { buildRestoreWorkflow } from "../../workflows/restore";

interface BlobMetadata { Name: string; Path: string; IsFolder: boolean }

/** The code exactly as the restore definition ships it. */
const CODE = (buildRestoreWorkflow().actions.Pick_backup as JavaScriptCodeAction).inputs.code;

/** Run the inline code the way Logic Apps does: as a function body, with `workflowContext` in scope. */
function pick(listBody: { value?: BlobMetadata[] }, triggerBody?: { backup?: string }): unknown {
  const workflowContext = {
    actions: { List_backups: { name: "List_backups", status: "Succeeded", outputs: { statusCode: 200, body: listBody } } },
    trigger: { name: "manual", outputs: { headers: {}, body: triggerBody } },
    workflow: { name: "restore", run: { id: "run-id", name: "08585000000000000000000000000CU00" } },
  };
  return vm.runInNewContext(`(function () {\n${CODE}\n})()`, { workflowContext }, { timeout: 1000 });
}

function pickError(listBody: { value?: BlobMetadata[] }, triggerBody?: { backup?: string }): string {
  try {
    pick(listBody, triggerBody);
  } catch (err) {
    return String((err as { message?: unknown }).message); // thrown in another realm: not instanceof Error here
  }
  throw new Error("expected the inline code to throw");
}

const blob = (name: string, isFolder = false): BlobMetadata => ({ Name: name, Path: `/kv-backups/backups/${name}`, IsFolder: isFolder });
const OLD = blob("20250101T000000Z-08585111.json");
const MID = blob("20260301T120000Z-08585222.json");
const NEW = blob("20261128T101500Z-08585333.json");

describe("pickBackup: the inline JavaScript run in node:vm", () => {
  it("picks the latest backup by name when none is named, whatever the listing order", () => {
    expect(pick({ value: [MID, NEW, OLD] })).to.equal(NEW.Path);
    expect(pick({ value: [NEW, OLD, MID] })).to.equal(NEW.Path);
    expect(pick({ value: [OLD] }, {})).to.equal(OLD.Path);
  });

  it("sorts by name, not by path or listing position", () => {
    const late = { Name: "20270101T000000Z-1.json", Path: "/kv-backups/backups/a.json", IsFolder: false };
    expect(pick({ value: [late, NEW] })).to.equal("/kv-backups/backups/a.json");
  });

  it("picks the named backup even when it is not the latest", () => {
    expect(pick({ value: [OLD, MID, NEW] }, { backup: MID.Name })).to.equal(MID.Path);
  });

  it("throws when the named backup is missing", () => {
    expect(pickError({ value: [OLD, NEW] }, { backup: "20990101T000000Z-x.json" })).to.equal(
      'Backup "20990101T000000Z-x.json" was not found among the complete backups',
    );
  });

  it("matches the name exactly, not a prefix or a path", () => {
    expect(pickError({ value: [NEW] }, { backup: "20261128T101500Z" })).to.include("was not found");
    expect(pickError({ value: [NEW] }, { backup: NEW.Path })).to.include("was not found");
  });

  it("ignores folders and non-.json blobs, for latest and for a named backup", () => {
    const folder = blob("29991231T235959Z-folder.json", true);
    const text = blob("29991231T235959Z-notes.txt");
    const jsonish = blob("29991231T235959Z-x.json.bak");
    expect(pick({ value: [folder, OLD, text, jsonish] })).to.equal(OLD.Path);
    expect(pickError({ value: [folder, OLD] }, { backup: folder.Name })).to.include("was not found");
    expect(pickError({ value: [text, OLD] }, { backup: text.Name })).to.include("was not found");
  });

  it("throws when there is no backup at all", () => {
    expect(pickError({ value: [] })).to.equal("There is no complete backup to restore");
    expect(pickError({})).to.equal("There is no complete backup to restore");
    expect(pickError({ value: [blob("sub", true), blob("readme.txt")] })).to.equal("There is no complete backup to restore");
  });
});
