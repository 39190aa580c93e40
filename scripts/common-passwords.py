#!/usr/bin/env python3
"""Writes crates/server/data/common-passwords.txt: the passwords the server refuses as too common.

Source 1: the `passwords` frequency list of the zxcvbn crate (crates.io, MIT licence, Copyright (c)
2016 Joshua Holmer; the list comes from Dropbox's zxcvbn), keeping only entries of 10 or more
characters, since shorter ones are refused by the length rule anyway.
Source 2: our own Indonesian words and the digit and year endings people add to them.

Usage: python3 scripts/common-passwords.py ~/.cargo/registry/src/*/zxcvbn-3.1.1/src/frequency_lists.rs
"""
import re
import sys

OWN_WORDS = """bismillah alhamdulillah assalamualaikum indonesia indonesiaraya merdeka garuda pancasila
sayangku sayangkamu akusayangkamu cintaku cintakamu kasihku rahasia rahasiaku katasandi katakunci
sandiku passwordku password kantor pegawai pegawainegeri pnsindonesia aparatur birokrasi bkpsdm
bkdpsdm pemkot pemkab pemerintah kotasibolga sibolga jakarta bandung surabaya medan semarang
makassar yogyakarta palembang lentera lenterademo lentera-demo selamatdatang selamatpagi admin administrator
superadmin operator qwerty qwertyuiop asdfghjkl zxcvbnm abcdefghij 1234567890 0987654321
kucingku anjingku keluarga keluargaku bapakku ibuku anakku suamiku istriku sahabat persahabatan
doraemon naruto persib persija arema barcelona manchester liverpool juventus realmadrid
""".split()
ENDINGS = ["", "1", "12", "123", "1234", "12345", "123456", "!", "1!", "123!", "@123", "#123", "01", "99",
           "2020", "2021", "2022", "2023", "2024", "2025", "2026", "2027"]


def main(source):
    text = open(source, encoding="utf-8").read()
    found = re.search(r'const PASSWORDS: &str = "([^"]*)"', text)
    if not found:
        sys.exit(f"no PASSWORDS list in {source}")
    words = [w for w in found.group(1).split(",") if len(w) >= 10]
    for word in OWN_WORDS:
        for ending in ENDINGS:
            for base in (word, word.capitalize()):
                candidate = (base + ending).lower()
                if len(candidate) >= 10:
                    words.append(candidate)
    seen, out = set(), []
    for w in words:
        if w not in seen:
            seen.add(w)
            out.append(w)
    with open("crates/server/data/common-passwords.txt", "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print(f"{len(out)} passwords written")


if __name__ == "__main__":
    main(sys.argv[1])
