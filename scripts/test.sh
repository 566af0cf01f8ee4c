#!/usr/bin/env bash
# Builds everything with warnings as errors and runs every test. Installs what the tests need when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is missing. Install it: https://learn.microsoft.com/dotnet/core/install/linux-debian (package dotnet-sdk-10.0)." >&2
  exit 1
fi

# A real SMTP server for the delivery tests: Debian's aiosmtpd, started by the tests themselves.
if ! /usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1; then
  echo "Installing the test SMTP server (python3-aiosmtpd)..."
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
    echo "python3-aiosmtpd is missing and this user cannot install it. Run: sudo apt-get install python3-aiosmtpd" >&2
    exit 1
  fi
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-aiosmtpd >/dev/null
fi

# Debian's Chromium for the browser tests; Playwright drives it and never downloads a browser.
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium for the browser tests..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi


# PostgreSQL on loopback for the scale-out tests (two shop instances over one database).
PGPORT=55432
PGDATA="${TMPDIR:-/tmp}/identitytfa-pg"
if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  echo "Installing PostgreSQL for the scale-out tests..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
if ! "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT"; then
  rm -rf "$PGDATA" && mkdir -p "$PGDATA"
  AS=""
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$PGDATA"; AS="runuser -u postgres --"; fi
  $AS "$PGBIN/initdb" -D "$PGDATA" --auth=trust -U postgres >/dev/null
  $AS "$PGBIN/pg_ctl" -D "$PGDATA" -o "-p $PGPORT -k $PGDATA -c listen_addresses=127.0.0.1" -l "$PGDATA/server.log" -w start >/dev/null
fi
export IDENTITYTFA_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=postgres"

dotnet tool restore >/dev/null
dotnet build IdentityTfa.sln -c Release -warnaserror -nologo -v quiet

# The EF model and the migrations must be in step.
dotnet ef migrations has-pending-model-changes --project IdentityTfa.Shop.csproj --no-build --configuration Release --context SqliteShopDbContext
dotnet ef migrations has-pending-model-changes --project IdentityTfa.Shop.csproj --no-build --configuration Release --context PostgresShopDbContext

log=$(mktemp)
status=0
dotnet test IdentityTfa.sln -c Release --no-build -nologo 2>&1 | tee "$log" || status=$?

# The library and its UI as packages: pack them, and let a second Identity app that has them only from a local folder
# sign in through the API and, in Chromium, through the packaged pages.
version="0.1.0-local.$(date +%s)"
rm -rf artifacts/packages
dotnet pack src/IdentityTfa -c Release -o artifacts/packages -p:Version="$version" -nologo -v quiet
dotnet pack src/IdentityTfa.UI -c Release -o artifacts/packages -p:Version="$version" -nologo -v quiet
dotnet test tests/PackageConsumer/Tests -c Release -p:IdentityTfaVersion="$version" -nologo 2>&1 | tee -a "$log" || status=$?

# The figures of the attack and fault suite, to compare runs over time.
if [ -f TestResults/security-figures.json ]; then
  echo "Security and reliability figures:"
  cat TestResults/security-figures.json
  echo
fi

# One plain closing line over all test projects.
awk '/(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
