#!/usr/bin/env bash
# Issue 11's fault figures at size: N GreetingApis (default 200) on the real kube-apiserver while
# the emulator fails 20 % of every management call (refused 5xx, 429, applied then 5xx, applied then
# no answer) and slows some; then all Ready, duplicates by UID tag, and what is left after deleting
# them all. It is FaultsUnderLoadTest (30 in mvn verify) at another size; the table is its output.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-200}"
mvn -B -q test -Dfaults.n="$n" -Dtest=FaultsUnderLoadTest -Dsurefire.failIfNoSpecifiedTests=false
grep -A3 '^| N |' target/surefire-reports/dev.greeting.operator.FaultsUnderLoadTest-output.txt
