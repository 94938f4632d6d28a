//! Converts the built-in playbook packs (`playbooks/<id>/`) from YAML to JSON
//! at build time, so the binary starts without a YAML parse. At run time the
//! JSON goes through the same types and the same validation as any pack. The
//! YAML is kept too, comments and all, for `playbooks export`.

use std::fmt::Write;
use std::path::{Path, PathBuf};

/// The pack used when none is named.
const DEFAULT_PACK: &str = "en";

fn main() {
    println!("cargo:rerun-if-changed=playbooks");
    let root = Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"))
        .join("playbooks");
    let mut packs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("the playbooks folder")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    packs.sort();
    let mut code = String::from(
        "/// The built-in packs, converted from `playbooks/<id>/` at build time.\npub const BUILT_IN: &[BuiltIn] = &[\n",
    );
    for pack in packs {
        let id = pack.file_name().expect("a folder name").to_string_lossy();
        let mut files: Vec<PathBuf> = std::fs::read_dir(&pack)
            .expect("a pack folder")
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        files.sort();
        let _ = writeln!(
            code,
            "    BuiltIn {{\n        id: {id:?},\n        files: &["
        );
        for path in files {
            println!("cargo:rerun-if-changed={}", path.display());
            let name = path.file_name().expect("a file name").to_string_lossy();
            let text = std::fs::read_to_string(&path).expect("a readable pack file");
            let value: serde_json::Value = serde_yaml::from_str(&text)
                .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
            if name == "framework.yaml" && id == DEFAULT_PACK {
                let field = |key: &str| value[key].as_str().unwrap_or_default().to_string();
                println!(
                    "cargo:rustc-env=CALIBRATE_BUILT_IN_PACK={} {}",
                    field("name"),
                    field("version")
                );
            }
            let json = serde_json::to_string(&value).expect("JSON");
            let _ = writeln!(
                code,
                "            ({name:?}, {json:?}, include_str!({:?})),",
                path.display().to_string()
            );
        }
        code.push_str("        ],\n    },\n");
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("built_in_packs.rs");
    std::fs::write(out, code).expect("write the built-in packs");
}
