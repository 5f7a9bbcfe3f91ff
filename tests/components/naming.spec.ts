import "../mocks";
import { expect } from "chai";
import { messageOf } from "./helpers";
import { MAX_PREFIX_LENGTH, SUFFIX_LENGTH, keyVaultName, storageAccountName } from "../../components/naming";

const STORAGE_RULE = "breaks Azure's rule: 3-24 lowercase letters and digits";
const VAULT_RULE =
  "breaks Azure's rule: 3-24 letters, digits and dashes, starting with a letter, ending with a letter or digit, no consecutive dashes";

describe("naming", () => {
  it("allows a 13-character prefix and a 6-character suffix", () => {
    expect(MAX_PREFIX_LENGTH).to.equal(13);
    expect(SUFFIX_LENGTH).to.equal(6);
  });

  describe("storageAccountName", () => {
    it("joins prefix, 'bkp' and suffix", () => {
      expect(storageAccountName("kvbr", "x7k2q9")).to.equal("kvbrbkpx7k2q9");
    });

    it("accepts exactly 24 characters", () => {
      const name = storageAccountName("abcdefghijklmno", "123456");
      expect(name).to.equal("abcdefghijklmnobkp123456");
      expect(name).to.have.length(24);
    });

    it("rejects 25 characters with the exact message", () => {
      expect(messageOf(() => storageAccountName("abcdefghijklmnop", "123456"))).to.equal(`Storage account name 'abcdefghijklmnopbkp123456' (from prefix 'abcdefghijklmnop') ${STORAGE_RULE}`);
    });

    it("accepts the longest prefix config.ts allows", () => {
      expect(storageAccountName("abcdefghijklm", "x7k2q9")).to.equal("abcdefghijklmbkpx7k2q9");
    });

    for (const prefix of ["Kvbr", "kv-br", "kv_br", "kv br"]) {
      it(`rejects the prefix '${prefix}'`, () => {
        expect(messageOf(() => storageAccountName(prefix, "x7k2q9"))).to.equal(`Storage account name '${prefix}bkpx7k2q9' (from prefix '${prefix}') ${STORAGE_RULE}`);
      });
    }

    it("rejects a bad suffix too", () => {
      expect(messageOf(() => storageAccountName("kvbr", "X7K2Q9"))).to.equal(`Storage account name 'kvbrbkpX7K2Q9' (from prefix 'kvbr') ${STORAGE_RULE}`);
    });
  });

  describe("keyVaultName", () => {
    it("joins prefix, role and suffix with dashes", () => {
      expect(keyVaultName("kvbr", "src", "x7k2q9")).to.equal("kvbr-src-x7k2q9");
      expect(keyVaultName("kvbr", "dst", "x7k2q9")).to.equal("kvbr-dst-x7k2q9");
    });

    it("accepts exactly 24 characters: the longest prefix config.ts allows", () => {
      const name = keyVaultName("abcdefghijklm", "src", "x7k2q9");
      expect(name).to.equal("abcdefghijklm-src-x7k2q9");
      expect(name).to.have.length(24);
      expect(keyVaultName("abcdefghijklm", "dst", "x7k2q9")).to.equal("abcdefghijklm-dst-x7k2q9");
    });

    it("rejects 25 characters with the exact message", () => {
      expect(messageOf(() => keyVaultName("abcdefghijklmn", "src", "x7k2q9"))).to.equal(`Key vault name 'abcdefghijklmn-src-x7k2q9' (from prefix 'abcdefghijklmn') ${VAULT_RULE}`);
    });

    const bad: Array<[string, string]> = [
      ["1kvbr", "starts with a digit"],
      ["-kvbr", "starts with a dash"],
      ["kv_br", "has an underscore"],
      ["kv.br", "has a dot"],
      ["kvbr-", "makes a double dash"],
    ];
    for (const [prefix, why] of bad) {
      it(`rejects the prefix '${prefix}' (${why})`, () => {
        expect(messageOf(() => keyVaultName(prefix, "src", "x7k2q9"))).to.equal(`Key vault name '${prefix}-src-x7k2q9' (from prefix '${prefix}') ${VAULT_RULE}`);
      });
    }

    it("rejects a name ending with a dash", () => {
      expect(messageOf(() => keyVaultName("kvbr", "dst", "x7k2q-"))).to.equal(`Key vault name 'kvbr-dst-x7k2q-' (from prefix 'kvbr') ${VAULT_RULE}`);
    });
  });
});
