// The baseline a cold CLI run is compared with: a bare Node process that makes one HTTPS request (a POST to
// the simulator's token endpoint, trusted through NODE_EXTRA_CA_CERTS like the CLI) and exits.
import { request } from "node:https";

const [url, body] = process.argv.slice(2);
const req = request(url, {
  method: "POST",
  headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) },
});
req.on("response", (res) => {
  res.resume();
  res.on("end", () => {
    process.exitCode = res.statusCode === 200 ? 0 : 1;
  });
});
req.on("error", (error) => {
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
});
req.end(body);
