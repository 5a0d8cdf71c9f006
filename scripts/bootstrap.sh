# Installs what Pulse needs on a fresh machine, or says clearly what is missing and how to get it.
# Sourced by scripts/demo.sh and scripts/test.sh. Usage: bootstrap [--browser] [--promtool]
say() { printf '\033[1m[pulse]\033[0m %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo "$@"
  else return 1
  fi
}

apt_install() {
  command -v apt-get >/dev/null || die "missing: $* — install them with your package manager (Debian: apt-get install $*)"
  say "installing $* with apt-get (once)…"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
    && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null \
    || die "could not install $* (needs root or passwordless sudo): run  sudo apt-get install $*"
}

# promtool (Debian's prometheus package) checks /metrics, the Prometheus config and the dashboards' PromQL in
# the tests. Not fatal when it cannot be installed: those checks are skipped, and say so.
install_promtool() {
  command -v promtool >/dev/null && return 0
  say "installing promtool (Debian's prometheus package) with apt-get (once)…"
  local had_service=0
  [ -e /lib/systemd/system/prometheus.service ] && had_service=1
  if command -v apt-get >/dev/null \
    && as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 \
    && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null 2>&1; then
    # only promtool was wanted: on a machine run by systemd, stop the Prometheus server the package starts
    if [ "$had_service" = 0 ] && [ -d /run/systemd/system ]; then as_root systemctl disable --now prometheus >/dev/null 2>&1 || true; fi
  else
    say "WARNING: could not install promtool (needs apt-get as root or passwordless sudo: sudo apt-get install prometheus);"
    say "         the promtool checks of /metrics, infra/prometheus and the Grafana PromQL are skipped"
  fi
}

bootstrap() {
  local want_browser=0 want_promtool=0 arg
  for arg in "$@"; do
    case "$arg" in
      --browser) want_browser=1 ;;
      --promtool) want_promtool=1 ;;
    esac
  done
  command -v node >/dev/null || die "Node.js 20.19+ is required: https://nodejs.org"
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
    || die "Node.js 20.19+ is required; this is $(node -v)"

  if ! command -v pnpm >/dev/null; then
    say "installing pnpm 10 with npm (once)…"
    npm install -g pnpm@10 >/dev/null 2>&1 || true
  fi
  if command -v pnpm >/dev/null; then PNPM=(pnpm); else PNPM=(npx -y pnpm@10); fi
  say "installing dependencies from the lockfile…"
  "${PNPM[@]}" install --frozen-lockfile --reporter=silent || die "pnpm install failed"

  local missing=()
  [ -n "${REDIS_URL:-}" ] || command -v redis-server >/dev/null || missing+=(redis-server)
  if [ "$want_browser" = 1 ] && [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
  [ "$want_promtool" = 0 ] || install_promtool
}
