# Shared helpers for the scripts. Source it; do not run it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Installs the Debian packages named that are not installed yet. Needs root (or sudo).
ensure_apt_packages() {
    local missing=()
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    log "installing ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The Swift toolchain must already be on the machine (the Swift image ships it in /opt/swift).
ensure_swift() {
    if ! command -v swift >/dev/null 2>&1; then
        [ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
    fi
    command -v swift >/dev/null 2>&1 || die "swift is not installed: install Swift 6.3 (swift.org) and put it on PATH"
}

# Debian packages Portvakt builds and runs with.
PORTVAKT_APT_PACKAGES=(ca-certificates curl pkg-config libargon2-dev libqrencode-dev libssl-dev)
# Debian packages the browser test (scripts/e2e/browser.py) drives: Chromium headless and its WebDriver.
PORTVAKT_BROWSER_APT_PACKAGES=(chromium chromium-driver)

# A free TCP port on 127.0.0.1.
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Makes a Python virtual environment at $1 with the requirements in $2 (for test peers written by others), and the
# optional $3 installed without their dependencies (a wheel used only for a file it ships, as axe-core's script).
ensure_python_venv() {
    local venv="$1" requirements="$2" nodeps="${3:-}"
    command -v python3 >/dev/null 2>&1 || ensure_apt_packages python3
    if [ ! -x "$venv/bin/python" ]; then
        python3 -m venv "$venv" 2>/dev/null || { ensure_apt_packages python3-venv; python3 -m venv "$venv"; }
    fi
    local wanted
    wanted=$(cat "$requirements" ${nodeps:+"$nodeps"})
    if [ "$wanted" != "$(cat "$venv/.requirements" 2>/dev/null)" ]; then
        log "installing Python test peers into $venv"
        "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
        [ -z "$nodeps" ] || "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps -r "$nodeps"
        printf '%s' "$wanted" > "$venv/.requirements"
    fi
}
