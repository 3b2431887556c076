#!/usr/bin/env bash
# Downloads the data sets of the lessons into DIR (else $LESSON6_DATA, else ./data),
# laid out as the lessons look for them:
#
#   DIR/ml-latest-small/ratings.csv, movies.csv, ...   MovieLens latest-small (GroupLens)
#   DIR/nietzsche/nietzsche.txt                        the lecture's Nietzsche corpus
#   DIR/bike-sharing/hour.csv, day.csv, Readme.txt     UCI Bike Sharing
#
# MovieLens latest-small changes over time, and GroupLens serves only the newest: today
# the September 2018 edition (100836 ratings, 610 users, 9724 rated movies). The lecture
# used the October 2016 one (100004 ratings, 671 users, 9066 rated movies), and so do the
# numbers in Docs/. The lessons run on both; users, ids and every trained number differ.
# The script says which edition it got.
#
# Safe to run again: a data set already in place is left alone. Each download goes to a
# temporary folder inside DIR and is moved into place only once it is complete (and, for
# the Nietzsche text, its SHA-256 matches the lecture's file).
set -euo pipefail

readonly movielens_url="https://files.grouplens.org/datasets/movielens/ml-latest-small.zip"
readonly nietzsche_url="https://s3.amazonaws.com/text-datasets/nietzsche.txt"
readonly nietzsche_sha256="23cf69874ab69d3d256099ab530ea4be24d47d9675b673bcc67cbcd6298ec647"
readonly bike_url="https://archive.ics.uci.edu/static/public/275/bike+sharing+dataset.zip"
readonly all_sets="movielens nietzsche bike-sharing"

usage() {
    cat <<EOF
usage: scripts/download-data.sh [--only SET]... [DIR]

Downloads the lesson data sets into DIR (default: \$LESSON6_DATA, else ./data).
SET is one of: $all_sets (default: all of them).
MovieLens comes in GroupLens's current edition (September 2018: 100836 ratings),
not the lecture's October 2016 one (100004 ratings) that Docs/ quotes.
Needs curl and unzip, and sha256sum or shasum.
EOF
}

fail() {
    echo "download-data: error: $*" >&2
    exit 1
}

usage_error() {
    echo "download-data: $*" >&2
    echo "Run 'scripts/download-data.sh --help' for usage." >&2
    exit 2
}

sets=""
dir=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        -h | --help) usage; exit 0 ;;
        --only)
            [[ $# -ge 2 ]] || usage_error "option '--only' needs a value"
            [[ " $all_sets " == *" $2 "* ]] || usage_error "unknown data set '$2' (choose from: $all_sets)"
            sets="$sets $2"
            shift 2 ;;
        -*) usage_error "unknown option '$1'" ;;
        *)
            [[ -z "$dir" ]] || usage_error "unexpected argument '$1' (only one DIR)"
            dir="$1"
            shift ;;
    esac
done
dir="${dir:-${LESSON6_DATA:-./data}}"
sets="${sets:-$all_sets}"

for tool in curl unzip; do
    command -v "$tool" >/dev/null || fail "'$tool' is not installed"
done
if command -v sha256sum >/dev/null; then
    sha256() { sha256sum "$1" | cut -d' ' -f1; }
elif command -v shasum >/dev/null; then
    sha256() { shasum -a 256 "$1" | cut -d' ' -f1; }
else
    fail "neither 'sha256sum' nor 'shasum' is installed"
fi

mkdir -p "$dir"
work="$(mktemp -d "$dir/.download.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# fetch URL FILE: downloads URL to FILE, failing on HTTP errors.
fetch() {
    echo "  downloading $1"
    curl --fail --location --retry 3 --silent --show-error --output "$2" "$1" \
        || fail "could not download $1"
}

# check_sha256 FILE EXPECTED: fails unless FILE's SHA-256 is EXPECTED.
check_sha256() {
    local actual
    actual="$(sha256 "$1")"
    [[ "$actual" == "$2" ]] || fail "SHA-256 of $(basename "$1") is $actual, expected $2: the download is" \
        "corrupt or the source has changed; nothing was written"
}

# present DIR FILE...: whether every FILE is in DIR.
present() {
    local folder="$1" file
    shift
    for file in "$@"; do [[ -f "$folder/$file" ]] || return 1; done
}

# zip_set NAME URL TARGET FILE...: unless FILE... are all in TARGET already, downloads
# the zip file at URL and moves the files of the folder in it that holds FILE... into TARGET.
zip_set() {
    local name="$1" url="$2" target="$3" found file
    shift 3
    if present "$target" "$@"; then
        echo "$name: already in $target"
        return
    fi
    echo "$name -> $target"
    rm -rf "$work/zip" && mkdir -p "$work/zip"
    fetch "$url" "$work/download.zip"
    unzip -q -o "$work/download.zip" -d "$work/zip" || fail "could not unzip the download of $url"
    found="$(find "$work/zip" -name "$1" -type f | head -n 1)"
    [[ -n "$found" ]] && present "$(dirname "$found")" "$@" || fail "the download of $url lacks one of: $*"
    mkdir -p "$target"
    for file in "$(dirname "$found")"/*; do mv -f "$file" "$target/"; done
}

movielens() {
    local target="$dir/ml-latest-small" ratings
    zip_set MovieLens "$movielens_url" "$target" ratings.csv movies.csv
    ratings=$(($(wc -l <"$target/ratings.csv") - 1))
    if [[ "$ratings" -eq 100004 ]]; then
        echo "  the October 2016 edition the lecture used: 100004 ratings, 671 users"
    else
        echo "  note: $ratings ratings. GroupLens now serves a newer edition (100836 ratings, 610 users)"
        echo "  than the lecture's October 2016 one (100004 ratings, 671 users): the lessons run on"
        echo "  both, but their numbers will differ from the lecture's."
    fi
}

nietzsche() {
    local target="$dir/nietzsche/nietzsche.txt"
    if [[ -f "$target" && "$(sha256 "$target")" == "$nietzsche_sha256" ]]; then
        echo "Nietzsche: already in $target (SHA-256 checked)"
        return
    fi
    [[ ! -e "$target" ]] || echo "Nietzsche: $target differs from the lecture's text; downloading it again"
    echo "Nietzsche -> $target"
    fetch "$nietzsche_url" "$work/nietzsche.txt"
    check_sha256 "$work/nietzsche.txt" "$nietzsche_sha256"
    mkdir -p "$(dirname "$target")"
    mv -f "$work/nietzsche.txt" "$target"
}

bike_sharing() {
    zip_set "Bike Sharing" "$bike_url" "$dir/bike-sharing" hour.csv day.csv
    echo "  note: UCI writes dteday as yyyy-mm-dd (some copies, such as the project's shared one, write m/d/yy)"
}

# No checksum for the two zips: GroupLens and UCI have repackaged them over the years,
# so a pinned hash would fail for reasons that do not matter to the lessons.
for set in $sets; do
    case "$set" in
        movielens) movielens ;;
        nietzsche) nietzsche ;;
        bike-sharing) bike_sharing ;;
    esac
done
echo "Data sets are in $dir"
