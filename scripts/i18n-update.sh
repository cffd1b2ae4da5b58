#!/usr/bin/env bash
# Extract the interface messages into locales/messages.pot and merge them into the Turkish and
# Russian catalogues (locales/<lang>/LC_MESSAGES/messages.po). New messages arrive empty, changed
# ones marked fuzzy with the old translation beside them; translate them, remove the fuzzy
# marks, and run tests/test_i18n.py, which fails while any message is missing or fuzzy.
set -euo pipefail
cd "$(dirname "$0")/.."
pybabel=.venv/bin/pybabel
"$pybabel" extract -F babel.cfg -o locales/messages.pot --sort-output --add-location=file \
  --no-wrap --add-comments=TRANSLATORS: --project="Borderlands Atlas" --copyright-holder="Borderlands Atlas" .
# No creation date in the headers: it would change every catalogue on every run.
sed -i '/^"POT-Creation-Date: /d' locales/messages.pot
for lang in tr ru; do
  if [ -f "locales/$lang/LC_MESSAGES/messages.po" ]; then
    "$pybabel" update -i locales/messages.pot -d locales -l "$lang" --no-wrap \
      --ignore-obsolete --previous
  else
    "$pybabel" init -i locales/messages.pot -d locales -l "$lang" --no-wrap
  fi
done
sed -i '/^"POT-Creation-Date: /d' locales/*/LC_MESSAGES/messages.po
