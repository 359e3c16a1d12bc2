#!/usr/bin/env bash
# Clientele API from the shell: sign in, create a read-only API token, list open tickets with it.
# Usage: CLIENTELE_URL=http://127.0.0.1:4000 EMAIL=... PASSWORD=... bash docs/examples/curl.sh
set -euo pipefail
url="${CLIENTELE_URL:-http://127.0.0.1:4000}/graphql"
json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s);console.log(eval("v"+process.argv[1]))})' "$1"; }

# 1. sign in (a session token; the SPA uses the cookie instead)
session=$(curl -sf "$url" -H 'content-type: application/json' \
  -d "{\"query\":\"mutation(\$e: String!, \$p: String!) { signIn(email: \$e, password: \$p) { token userErrors { code message } } }\",
       \"variables\":{\"e\":\"$EMAIL\",\"p\":\"$PASSWORD\"}}" | json '.data.signIn.token')

# 2. a personal API token that may only read tickets (shown once: store it in your secret manager)
token=$(curl -sf "$url" -H 'content-type: application/json' -H "authorization: Bearer $session" \
  -d '{"query":"mutation { createApiToken(input: { name: \"curl example\", scopes: [TICKETS_READ] }) { token userErrors { code message } } }"}' \
  | json '.data.createApiToken.token')

# 3. the open tickets, newest first, 10 per page; extensions.cost reports the rate-limit budget
curl -sf "$url" -H 'content-type: application/json' -H "authorization: Bearer $token" \
  -d '{"query":"query OpenTickets($after: String) { tickets(first: 10, after: $after, filter: { statuses: [NEW, OPEN] }) { totalCount edges { node { id title status createdAt } } pageInfo { hasNextPage endCursor } } }"}'
echo
