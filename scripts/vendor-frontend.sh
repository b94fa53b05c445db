#!/usr/bin/env bash
# Refresh the vendored front-end assets in static/vendor/ from the exact
# versions pinned in frontend/package.json and frontend/package-lock.json.
#
#   scripts/vendor-frontend.sh
#
# Output (all generated, safe to delete and rebuild):
#   static/vendor/app.min.css                          GOV.UK + MOJ Frontend CSS, compiled from frontend/app.scss (Arial, no GDS Transport)
#   static/vendor/govuk-frontend/govuk-frontend.min.js ES module bundle
#   static/vendor/govuk-frontend/assets/               GOV.UK images, minus crown, crest and favicon images (currently none remain)
#   static/vendor/moj-frontend/moj-frontend.min.js     ES module bundle
#   static/vendor/moj-frontend/assets/images/          MOJ icons used by the CSS, minus crown, crest and logo images
#   static/vendor/axe-core/axe.min.js                  axe-core (classic script, defines window.axe)
#   static/vendor/VERSIONS.txt
#
# To upgrade, change the exact versions in frontend/package.json, run
# `npm install` in frontend/ to update package-lock.json, then run this script.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FRONTEND="$ROOT/frontend"
NM="$FRONTEND/node_modules"
DEST="$ROOT/static/vendor"

die() {
  echo "vendor-frontend: ERROR: $*" >&2
  exit 1
}

cd "$FRONTEND"

# Exact install from the lockfile. No install scripts are needed. sass is
# pure JS, and its optional @parcel/watcher is only for --watch.
npm ci --ignore-scripts --no-audit --no-fund

GOVUK="$NM/govuk-frontend/dist/govuk"
MOJ="$NM/@ministryofjustice/frontend/moj"
AXE="$NM/axe-core"

pkg_version() {
  node -p "require('$NM/$1/package.json').version"
}

# Build into a scratch directory, then swap it in only if every check passes.
mkdir -p "$ROOT/static"
BUILD="$(mktemp -d "$ROOT/static/.vendor-build.XXXXXX")"
trap 'rm -rf "$BUILD"' EXIT

mkdir -p \
  "$BUILD/govuk-frontend/assets" \
  "$BUILD/moj-frontend/assets/images" \
  "$BUILD/axe-core"

# --- CSS -------------------------------------------------------------------
# --load-path=. is required because MOJ Frontend loads
# "node_modules/govuk-frontend/dist/govuk/base" internally.
# --quiet-deps hides Sass deprecation warnings from the packages. It does not
# affect @warn, so one warning is still printed. MOJ Frontend 11.1.0 calls
# GOV.UK's deprecated govuk-text-colour mixin, and MOJ sets
# $govuk-suppressed-warnings itself, so we cannot suppress it. It is harmless.
"$NM/.bin/sass" \
  --style=compressed \
  --no-source-map \
  --quiet-deps \
  --load-path=node_modules \
  --load-path=. \
  app.scss "$BUILD/app.min.css"

# --- JavaScript ------------------------------------------------------------
# Both bundles are self-contained ES modules (they end in `export{...}` and
# have no bare imports). Load them with <script type="module">.
cp "$GOVUK/govuk-frontend.min.js" "$BUILD/govuk-frontend/govuk-frontend.min.js"
cp "$MOJ/moj-frontend.min.js" "$BUILD/moj-frontend/moj-frontend.min.js"
cp "$AXE/axe.min.js" "$BUILD/axe-core/axe.min.js"

# --- Images ----------------------------------------------------------------
# Copy the packages' images except the crown, crest and logo artwork, and
# the favicon, app icon and Open Graph images. They are GOV.UK or MOJ brand
# marks, and the CSS does not need them (apart from the footer crest; see
# frontend/app.scss).
# GOV.UK Frontend 6.x ships only branded images, so nothing is copied today.
# manifest.json is skipped too, because it only lists those favicon and icon
# files.
# New images in future versions are copied unless they match these patterns.
is_brand_image() {
  case "$1" in
    *crown* | *crest* | *logo* | *favicon* | *apple-touch-icon* | *opengraph* | govuk-icon*) return 0 ;;
    *) return 1 ;;
  esac
}

copy_images() {
  local src="$1" dst="$2" f name
  for f in "$src"/*; do
    [[ -f "$f" ]] || continue
    name="$(basename "$f")"
    if is_brand_image "$name"; then
      continue
    fi
    mkdir -p "$dst"
    cp "$f" "$dst/$name"
  done
}

copy_images "$GOVUK/assets/images" "$BUILD/govuk-frontend/assets/images"
copy_images "$MOJ/assets/images" "$BUILD/moj-frontend/assets/images"

# --- Verify ----------------------------------------------------------------
CSS="$BUILD/app.min.css"

if grep -q "GDS Transport" "$CSS"; then
  die "compiled CSS still mentions \"GDS Transport\". Check the font settings in frontend/app.scss."
fi
if grep -qE "url\(['\"]?/assets/" "$CSS"; then
  die "compiled CSS references the default /assets/ path. Check the assets path settings in frontend/app.scss."
fi
if grep -qiE "@font-face" "$CSS"; then
  die "compiled CSS contains @font-face rules (no web fonts are vendored)."
fi
grep -qi "arial" "$CSS" || die "compiled CSS does not use Arial."
for cls in govuk-header govuk-service-navigation govuk-error-summary moj-sub-navigation moj-badge; do
  grep -q "\.$cls{" "$CSS" || die "compiled CSS is missing .$cls"
done

# Every url() in the CSS should point at a file we ship. The one known gap is
# the GOV.UK footer crest, which we do not ship on purpose, so that only
# produces a warning.
while IFS= read -r url; do
  rel="${url#/static/vendor/}"
  if [[ "$rel" == "$url" ]]; then
    die "compiled CSS references an asset outside /static/vendor/: $url"
  fi
  if [[ ! -f "$BUILD/$rel" ]]; then
    if is_brand_image "$(basename "$rel")"; then
      echo "vendor-frontend: warning: CSS references brand image not shipped: $url" >&2
    else
      die "compiled CSS references a missing asset: $url"
    fi
  fi
done < <(grep -oE "url\([^)]*\)" "$CSS" | sed -E "s/^url\(['\"]?//; s/['\"]?\)$//" | sort -u)

# --- Versions --------------------------------------------------------------
{
  echo "# Generated by scripts/vendor-frontend.sh. Do not edit."
  echo "govuk-frontend $(pkg_version govuk-frontend)"
  echo "@ministryofjustice/frontend $(pkg_version @ministryofjustice/frontend)"
  echo "axe-core $(pkg_version axe-core)"
  echo "sass $(pkg_version sass)"
} > "$BUILD/VERSIONS.txt"

# --- Swap in ---------------------------------------------------------------
rm -rf "$DEST"
mv "$BUILD" "$DEST"
chmod 755 "$DEST"
trap - EXIT

echo "vendor-frontend: wrote $DEST ($(du -sh "$DEST" | cut -f1))"
cat "$DEST/VERSIONS.txt"
