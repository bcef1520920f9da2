#!/bin/sh
# Put Debian's en_GB hunspell dictionary into $1 (the search node's config/hunspell/en_GB).
# Runs in the compose `dictionary` service; does nothing when the volume already has it.
set -eu
target="${1:?usage: install-hunspell.sh TARGET_DIR}"
if [ -s "$target/en_GB.dic" ] && [ -s "$target/en_GB.aff" ]; then
    echo "en_GB dictionary already in $target"
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends hunspell-en-gb
cp -L /usr/share/hunspell/en_GB.aff /usr/share/hunspell/en_GB.dic "$target/"
chmod 644 "$target/en_GB.aff" "$target/en_GB.dic"
echo "en_GB dictionary installed in $target"
