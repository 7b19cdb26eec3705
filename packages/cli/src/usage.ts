// Help texts (kept free of imports: `content-trust --help` must not load the verifier).

export const MAIN_USAGE = `Usage: content-trust COMMAND [OPTIONS]

Content trust (Docker Content Trust / Notary v1) for scripts and pipelines

Commands:
  inspect     Return low-level information about keys and signatures (same output as \`docker trust inspect\`)
  resolve     Print the digest a DOCKER_CONTENT_TRUST=1 client pulls for each IMAGE[:TAG]
  help        Show help for a command

Options:
  -h, --help      Print usage
  -v, --version   Print version information

Run 'content-trust help COMMAND' for more information on a command.
`;

const COMMON = `      --server URL        Trust server (like DOCKER_CONTENT_TRUST_SERVER; default https://<registry host>)
      --ca FILE           Also trust this CA certificate (repeatable)
  -u, --username NAME     Username (or CONTENT_TRUST_USERNAME; default: Docker config.json auths)
  -p, --password SECRET   Password (or CONTENT_TRUST_PASSWORD)
      --concurrency N     Repositories verified at once (default 16)
`;

export const INSPECT_USAGE = `Usage: content-trust inspect [OPTIONS] IMAGE[:TAG] [IMAGE[:TAG]...]

Return low-level information about keys and signatures (same JSON as \`docker trust inspect\`)

Options:
      --pretty            Print the information in a human friendly format
      --status            Add per-role verification results, expiries and per-tag status against the registry
      --registry URL      Registry for --status (default https://<registry host>)
      --archive FILE      Read trust data from a portal export (zip) instead of a trust server
${COMMON}`;

export const RESOLVE_USAGE = `Usage: content-trust resolve [OPTIONS] IMAGE[:TAG] [IMAGE[:TAG]...]

Print NAME:TAG@sha256:DIGEST for each image as a DOCKER_CONTENT_TRUST=1 client would pull it
(targets/releases first, then targets; a tag signed only by another delegation is refused).
Without a tag, "latest" is resolved.

Options:
  -o, --output FORMAT     "text" (default) or "json": [{reference, tag, digest, role}] or {reference, tag, error}
${COMMON}`;
