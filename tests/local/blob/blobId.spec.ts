import { expect } from "chai";
import { blobIdFromPath, fileLocation, folderLocation, locationPath, pathFromBlobId } from "../../../local/blob/blobId";

describe("blob ids", () => {
  // Pairs seen in published designer output and run history.
  const published: Array<[string, string]> = [
    ["JTJmY29udGFpbmVyJTJmbmFtZS5qc29u", "/container/name.json"],
    ["JTJmZm9sZGVyJTJmMS50eHQ=", "/folder/1.txt"],
    ["JTJmc2ltdWxhdGlvbnMlMmZwb3N0YWxfY29kZXNfb2guY3N2", "/simulations/postal_codes_oh.csv"],
    ["JTJmY29udGFpbmVyLW5hbWU=", "/container-name"],
  ];

  for (const [id, path] of published) {
    it(`encodes ${path} as the connector does (${id})`, () => {
      expect(blobIdFromPath(path)).to.equal(id);
    });
    it(`decodes ${id} back to ${path}`, () => {
      expect(pathFromBlobId(id)).to.equal(path);
    });
  }

  it("accepts a plain path in place of an id", () => {
    expect(pathFromBlobId("/container/dir/x.json")).to.equal("/container/dir/x.json");
  });

  it("reads a bare name as a path below the root (public definitions list `foldersV2/unprocessed`)", () => {
    expect(pathFromBlobId("unprocessed")).to.equal("/unprocessed");
    // Valid base64, but not of an encoded absolute path: still a name, not an id.
    expect(pathFromBlobId("abcd")).to.equal("/abcd");
  });

  it("round-trips names with spaces and non-ASCII characters", () => {
    const path = "/c/dir with space/naïve+plus.json";
    expect(pathFromBlobId(blobIdFromPath(path))).to.equal(path);
  });

  it("splits file and folder paths into container and name/prefix", () => {
    expect(fileLocation("/c/dir/x.json")).to.deep.equal({ container: "c", name: "dir/x.json" });
    expect(fileLocation("c/x.json")).to.deep.equal({ container: "c", name: "x.json" });
    expect(fileLocation("/c")).to.equal(undefined);
    expect(folderLocation("/c")).to.deep.equal({ container: "c", name: "" });
    expect(folderLocation("/c/backups")).to.deep.equal({ container: "c", name: "backups/" });
    expect(folderLocation("/c/backups/")).to.deep.equal({ container: "c", name: "backups/" });
    expect(folderLocation("/")).to.equal(undefined);
    expect(locationPath({ container: "c", name: "backups/" })).to.equal("/c/backups/");
  });
});
