//! Helpers shared by the tests: a deterministic generator, and mutated copies of content/.
// Each test crate uses some of these.
#![allow(dead_code)]

use net_guide::check::validate;
use net_guide::content_source::{self, Diagnostic};
use std::fs;
use std::path::{Path, PathBuf};

/// Deterministic xorshift generator: the same profiles on every run.
pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[(self.next() % items.len() as u64) as usize]
    }
    /// `None` (not known) one time in `one_in`, else one of `items`.
    pub fn maybe<T: Copy>(&mut self, items: &[T], one_in: u64) -> Option<T> {
        if self.next() % one_in == 0 {
            None
        } else {
            Some(self.pick(items))
        }
    }
}

pub fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Copies content/ into a fresh temp folder, applies `edit`, and validates it.
pub fn check_mutated(name: &str, edit: impl FnOnce(&Path)) -> Vec<Diagnostic> {
    let dir = std::env::temp_dir()
        .join(format!("net-guide-check-{}-{name}", std::process::id()))
        .join("content");
    let _ = fs::remove_dir_all(&dir);
    copy_dir(&content_dir(), &dir);
    edit(&dir);
    let (src, mut diags) = content_source::load(&dir);
    diags.extend(validate(&src, "2026-11-30"));
    let _ = fs::remove_dir_all(dir.parent().unwrap());
    diags
}

/// Replaces the first occurrence of `from` in `file`, returning its 1-based line.
pub fn replace(dir: &Path, file: &str, from: &str, to: &str) -> usize {
    let path = dir.join(file);
    let text = fs::read_to_string(&path).unwrap();
    let at = text
        .find(from)
        .unwrap_or_else(|| panic!("`{from}` not found in {file}"));
    let line = text[..at].matches('\n').count() + 1;
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
    line
}

pub fn assert_reported(diags: &[Diagnostic], file: &str, line: usize, needle: &str) {
    let hit = diags.iter().any(|d| {
        d.file == format!("content/{file}") && d.line == line && d.message.contains(needle)
    });
    let all: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    assert!(
        hit,
        "expected content/{file}:{line}: …{needle}…, got:\n{}",
        all.join("\n")
    );
}

/// Visible text of rendered HTML with tags removed (good enough for assertions).
pub fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}
