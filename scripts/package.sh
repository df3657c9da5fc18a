#!/usr/bin/env bash
# Builds the Debian package from build/ (cpack -G DEB; reuses what scripts/test.sh built), installs it
# with apt-get, starts both installed programs from /usr/bin, checks the desktop integration, and
# purges the package again. Usage: scripts/package.sh [OUT_DIR]   (the .deb stays in OUT_DIR,
# default build/package/). BUILD_DIR=... packages another build folder.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$here/build}"
out="$(realpath -m "${1:-$build/package}")"
# dpkg-shlibdeps (dpkg-dev) and file compute the dependencies; desktop-file-validate checks the entry.
"$here/scripts/setup.sh" --deps-only dpkg-dev file desktop-file-utils
if [[ ! -f "$build/build.ninja" ]]; then
    "$here/scripts/setup.sh" "$build"
fi
sudo_cmd=()
[[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
step() { printf '\n== package: %s\n' "$*"; }

step "cpack -G DEB (installs what 'all' built into a staging folder)"
rm -rf "$out"
(cd "$build" && cpack -G DEB -B "$out" >"$build/cpack.log") || { cat "$build/cpack.log"; exit 1; }
debs=("$out"/ocr-billing-console_*.deb)
[[ ${#debs[@]} -eq 1 && -f ${debs[0]} ]] || { echo "package: expected one .deb in $out" >&2; exit 1; }
deb="${debs[0]}"
dpkg-deb --field "$deb" Package Version Section Maintainer Depends
dpkg-deb --contents "$deb" | awk '{print $6}'

if dpkg-query -W -f='${Status}' ocr-billing-console 2>/dev/null | grep -q "install ok installed"; then
    echo "package: ocr-billing-console is already installed; not touching it" >&2
    exit 1
fi
tmp="$(mktemp -d)"
cleanup() {
    step "purge"
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get purge -y -qq ocr-billing-console >/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT

step "apt-get install $deb"
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "$deb" >/dev/null
for f in /usr/bin/billingctl /usr/bin/billing-console /usr/share/applications/billing-console.desktop \
    /usr/share/icons/hicolor/scalable/apps/billing-console.svg \
    /usr/share/doc/ocr-billing-console/docs/user-guide.md; do
    [[ -e $f ]] || { echo "package: $f is missing" >&2; exit 1; }
done
desktop-file-validate /usr/share/applications/billing-console.desktop
for exe in /usr/bin/billingctl /usr/bin/billing-console; do
    if readelf -d "$exe" | grep -Eq 'RPATH|RUNPATH'; then
        echo "package: $exe carries an RPATH into the build tree" >&2
        exit 1
    fi
done

step "billingctl from /usr/bin"
now=2026-10-01T08:00:00+08:00
ctl=(/usr/bin/billingctl --db "$tmp/account.sqlite" --now "$now")
"${ctl[@]}" init
"${ctl[@]}" topup 100
status="$("${ctl[@]}" --json status)"
grep -q '"balance": "100.00"' <<<"$status" || { echo "package: status shows no top-up: $status" >&2; exit 1; }
"${ctl[@]}" verify
/usr/bin/billingctl --version
# A PDF loads billingctl's PDF module from the package's library folder (the other commands never do).
"${ctl[@]}" export-bill 2026-10 --format pdf --out "$tmp/bill.pdf"
[[ $(head -c 5 "$tmp/bill.pdf") == %PDF- ]] || { echo "package: the installed billingctl wrote no PDF" >&2; exit 1; }

step "billing-console from /usr/bin (X server of xvfb-run, every page and dialog once)"
/usr/bin/billingctl --db "$tmp/demo.sqlite" --now 2026-11-27T10:00:00+08:00 demo --months 2 >/dev/null
LANG=C.UTF-8 xvfb-run -a -s "-screen 0 1400x900x24" \
    /usr/bin/billing-console --db "$tmp/demo.sqlite" --now 2026-11-27T10:00:00+08:00 --screenshots "$tmp/shots"
shots=("$tmp"/shots/*.png)
echo "package: the installed console painted ${#shots[@]} screenshots"
((${#shots[@]} >= 20)) || { echo "package: expected at least 20 screenshots" >&2; exit 1; }
step "ok: $deb"
