import { promiseOf, settled } from "../mocks";
import { expect } from "chai";
import { IntegrationAccount } from "../../components/integrationAccount";
import { childrenOf, recorded } from "./helpers";

describe("IntegrationAccount", () => {
  it("is Free by default", async () => {
    const account = new IntegrationAccount("ia-free", { resourceGroupName: "rg-ia", location: "westeurope" });
    await settled(account.id);

    const resource = recorded("ia-free-account");
    expect(resource.type).to.equal("azure-native:logic:IntegrationAccount");
    expect(resource.inputs).to.deep.equal({ resourceGroupName: "rg-ia", location: "westeurope", sku: { name: "Free" } });
  });

  it("uses the sku it is asked for", async () => {
    const account = new IntegrationAccount("ia-basic", { resourceGroupName: "rg-ia", location: "northeurope", sku: "Basic" });
    await settled(account.id);

    expect(recorded("ia-basic-account").inputs).to.deep.equal({ resourceGroupName: "rg-ia", location: "northeurope", sku: { name: "Basic" } });
  });

  it("exposes the account's id and name, and parents the account to the component", async () => {
    const account = new IntegrationAccount("ia-out", { resourceGroupName: "rg-ia", location: "westeurope" });

    expect(await promiseOf(account.id)).to.equal(
      "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-ia/providers/Microsoft.Logic/integrationAccounts/ia-out-account",
    );
    expect(await promiseOf(account.accountName)).to.equal("ia-out-account");
    expect(recorded("ia-out").type).to.equal("kvbr:logic:IntegrationAccount");
    expect(childrenOf("ia-out")).to.deep.equal([["azure-native:logic:IntegrationAccount", "ia-out-account"]]);
  });
});
