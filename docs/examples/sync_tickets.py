#!/usr/bin/env python3
"""Keep a copy of your Clientele tickets up to date (docs/api.md, "Keeping a copy in sync").

Each run asks only for the tickets changed since the previous run, oldest change first, 100 a
page, following the cursor; it prints each change and keeps the copy and its position in a JSON
file. Run it as often as you like (cron, or a loop with a pause): a run with nothing new is one
request. Needs Python 3.8+ and requests (pip install requests, or apt-get install python3-requests).

Usage: CLIENTELE_URL=http://127.0.0.1:4000 CLIENTELE_TOKEN=cltl_... python3 sync_tickets.py [state.json]
"""
import json
import os
import sys
import time

import requests

URL = os.environ.get("CLIENTELE_URL", "http://127.0.0.1:4000").rstrip("/") + "/graphql"
TOKEN = os.environ["CLIENTELE_TOKEN"]  # an API token with the TICKETS_READ scope
STATE_FILE = sys.argv[1] if len(sys.argv) > 1 else "clientele-tickets.json"

CHANGES = """
query Changes($since: DateTime, $after: String) {
  tickets(first: 100, after: $after, orderBy: UPDATED_AT_ASC, filter: { updatedSince: $since }) {
    edges { node { id number title status updatedAt company { id name } assignee { id email } } }
    pageInfo { hasNextPage endCursor }
  }
}
"""


def graphql(session, query, variables):
    """One request; waits and retries when the server says so (429 RATE_LIMITED, 503 SERVICE_UNAVAILABLE)."""
    for _ in range(10):
        response = session.post(URL, json={"query": query, "variables": variables}, timeout=30)
        if response.status_code in (429, 503):
            time.sleep(int(response.headers.get("Retry-After", "1")))
            continue
        body = response.json()
        if body.get("errors"):
            error = body["errors"][0]
            sys.exit(f"{error.get('extensions', {}).get('code')}: {error['message']}")
        return body["data"]
    sys.exit("the server kept asking to wait; try again later")


def main():
    try:
        with open(STATE_FILE) as f:
            state = json.load(f)
    except FileNotFoundError:
        state = {"since": None, "after": None, "tickets": {}}  # the first run reads every ticket
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {TOKEN}"
    changes = 0
    while True:
        page = graphql(session, CHANGES, {"since": state["since"], "after": state["after"]})["tickets"]
        for edge in page["edges"]:
            ticket = edge["node"]
            state["tickets"][ticket["id"]] = ticket
            changes += 1
            print(f"{ticket['updatedAt']}  #{ticket['number']}  {ticket['id']}  {ticket['status']:<8} {ticket['title']}")
        if page["edges"]:
            # where the next run starts: `updatedSince` narrows to the last change read, the cursor
            # skips what was read at that same instant
            state["since"] = page["edges"][-1]["node"]["updatedAt"]
            state["after"] = page["pageInfo"]["endCursor"]
        with open(STATE_FILE + ".tmp", "w") as f:  # after every page: an interrupted run resumes here
            json.dump(state, f)
        os.replace(STATE_FILE + ".tmp", STATE_FILE)
        if not page["pageInfo"]["hasNextPage"]:
            break
    print(f"{changes} changed, {len(state['tickets'])} tickets in {STATE_FILE}", file=sys.stderr)


if __name__ == "__main__":
    main()
