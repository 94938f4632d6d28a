//! Converts the built-in playbook pack from YAML to JSON at build time, so
//! the binary starts without a YAML parse. At run time the JSON goes through
//! the same types and the same validation as any pack.

use std::fmt::Write;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=playbooks");
    let mut names: Vec<String> = std::fs::read_dir("playbooks")
        .expect("the playbooks folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    let mut code = String::from(
        "/// The built-in pack as JSON, converted from `playbooks/` at build time.\npub const EMBEDDED_JSON: &[(&str, &str)] = &[\n",
    );
    for name in names {
        let path = Path::new("playbooks").join(&name);
        let text = std::fs::read_to_string(&path).expect("a readable pack file");
        let value: serde_json::Value =
            serde_yaml::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        if name == "framework.yaml" {
            let field = |key: &str| value[key].as_str().unwrap_or_default().to_string();
            println!(
                "cargo:rustc-env=CALIBRATE_PACK={} {}",
                field("name"),
                field("version")
            );
        }
        let json = serde_json::to_string(&value).expect("JSON");
        let _ = writeln!(code, "    ({name:?}, {json:?}),");
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("embedded_pack.rs");
    std::fs::write(out, code).expect("write the embedded pack");
}
