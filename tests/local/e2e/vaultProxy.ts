import { createServer, request, Server } from "node:http";
import { AddressInfo } from "node:net";

/** A JSON answer the proxy may replace; `undefined` keeps Key Vault's. */
export type Rewrite = (call: { method: string; path: string; status: number; body: unknown }) => unknown;

export interface VaultProxy {
  /** The base URL to give a workflow instead of the vault's. */
  url: string;
  close(): Promise<void>;
}

/**
 * A loopback proxy in front of a Key Vault emulator that can replace any answer's body, as a broken gateway or
 * a service change might: for answers the emulator has no fault for. Links in answers point back at the proxy.
 */
export async function vaultProxy(vaultUrl: string, rewrite: Rewrite): Promise<VaultProxy> {
  const target = new URL(vaultUrl);
  let self = "";
  const server: Server = createServer((req, res) => {
    const sent: Buffer[] = [];
    req.on("data", (c: Buffer) => sent.push(c));
    req.on("end", () => {
      const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (answer) => {
        const received: Buffer[] = [];
        answer.on("data", (c: Buffer) => received.push(c));
        answer.on("end", () => {
          let text = Buffer.concat(received).toString("utf8").split(vaultUrl).join(self);
          let body: unknown;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            body = undefined;
          }
          const replaced = rewrite({ method: req.method ?? "", path: (req.url ?? "").split("?")[0], status: answer.statusCode ?? 0, body });
          if (replaced !== undefined) text = JSON.stringify(replaced);
          const headers = { ...answer.headers };
          delete headers["content-length"];
          res.writeHead(answer.statusCode ?? 502, headers).end(text);
        });
      });
      upstream.on("error", () => req.socket.destroy());
      upstream.end(Buffer.concat(sent));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  self = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url: self,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
