//! `net-guide`: a thin command line over the same core the widget uses (SPEC §4).

use net_guide::kb::{kb, Audience};
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage:
  net-guide check [--content DIR] [--notes] validate content/ (exit 1 with file:line messages);
                                            --notes lists every editor-only note instead
  net-guide render --audience A [--profile FILE|-]
                                            the article as one standalone HTML page
                                            (with the tailored results for a profile first)
  net-guide render --fragment --audience A [--stylesheet URL] [--attribute NAME=VALUE]...
                                            the widget's first screen as prerendered markup
                                            to put inside <net-guide> (Declarative Shadow
                                            DOM; the widget takes it over when it loads)
  net-guide decide --profile FILE|-         decision-flow result JSON for a profile
  net-guide passages --json                 every searchable passage as JSON
  net-guide ask [--audience A] [--profile FILE|-] --json \"QUESTION\"
                                            answer a follow-up question (SPEC §7 JSON)
audiences: patient, caregiver, clinician";

/// Why a command failed; each kind has its own message and exit code.
enum Failure {
    /// Bad arguments: the message and the usage text, exit 2.
    Usage(String),
    /// Bad input data (a profile): the message alone, exit 2.
    BadInput(String),
    /// stdout could not be written (a full disk, a closed pipe): exit 1.
    Output(std::io::Error),
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure::Usage(message)
    }
}

impl From<&str> for Failure {
    fn from(message: &str) -> Self {
        Failure::Usage(message.into())
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `net-guide --help` and `net-guide render --help` are not mistakes: usage on stdout,
    // success. Only those two places, so a question may still be the word "help".
    let first_two = args.iter().take(2).map(String::as_str);
    if first_two
        .enumerate()
        .any(|(i, a)| matches!(a, "--help" | "-h") || (i == 0 && a == "help"))
    {
        print!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    match run(&args) {
        Ok(code) => code,
        Err(Failure::BadInput(message)) => {
            eprintln!("net-guide: {message}");
            ExitCode::from(2)
        }
        Err(Failure::Usage(message)) => {
            eprintln!("net-guide: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
        // Whoever closed the pipe (e.g. `| head`) asked for no more: fail quietly.
        Err(Failure::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::from(1),
        Err(Failure::Output(e)) => {
            eprintln!("net-guide: cannot write the output: {e}");
            ExitCode::from(1)
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, Failure> {
    let (command, rest) = args.split_first().ok_or("no command given")?;
    let mut flags = Flags::parse(rest)?;
    match command.as_str() {
        "check" => {
            let dir = flags
                .take("--content")
                .map(PathBuf::from)
                .unwrap_or_else(default_content_dir);
            let notes = flags.switch("--notes");
            flags.finish()?;
            if !dir.is_dir() {
                return Err(format!("content folder {} does not exist", dir.display()).into());
            }
            if notes {
                let notes = net_guide::check::editorial::notes(&dir);
                let mut text: String = notes.iter().map(|n| format!("{n}\n")).collect();
                text.push_str(&format!(
                    "{} editor note(s): for reviewers only, never shown to readers\n",
                    notes.len()
                ));
                out(&text)?;
                return Ok(ExitCode::SUCCESS);
            }
            let (diags, grades) = net_guide::check::check_dir_with_grades(&dir);
            let max = grades.iter().copied().fold(0.0, f64::max);
            let grade_line = format!(
                "patient and caregiver text: median Flesch-Kincaid grade {:.1} over {} groups (highest {max:.1}, limit {:.0})\n",
                net_guide::check::median(&grades),
                grades.len(),
                net_guide::check::MAX_LAY_GRADE
            );
            if diags.is_empty() {
                out(&format!("{grade_line}content OK: {}\n", dir.display()))?;
                return Ok(ExitCode::SUCCESS);
            }
            eprint!("{grade_line}");
            for d in &diags {
                eprintln!("{d}");
            }
            eprintln!("{} problem(s) found", diags.len());
            Ok(ExitCode::from(1))
        }
        "render" if flags.switch("--fragment") => {
            let audience = audience_arg(&mut flags)?;
            let stylesheet = flags
                .take("--stylesheet")
                .unwrap_or_else(|| "net-guide.css".into());
            let mut attributes = Vec::new();
            while let Some(pair) = flags.take("--attribute") {
                attributes.push(attribute_arg(&pair)?);
            }
            flags.finish()?;
            let fragment = net_guide::render::render_fragment(audience, &stylesheet, &attributes);
            out(&(fragment + "\n"))?;
            Ok(ExitCode::SUCCESS)
        }
        "render" => {
            let audience = audience_arg(&mut flags)?;
            let profile = optional_profile_arg(&mut flags)?;
            flags.finish()?;
            out(&net_guide::render::render_page_for(audience, profile))?;
            Ok(ExitCode::SUCCESS)
        }
        "decide" => {
            let source = flags
                .take("--profile")
                .ok_or("decide needs --profile FILE (or - for stdin)")?;
            flags.finish()?;
            let profile = read_profile(&source)?;
            let decision = net_guide::decide::decide(&profile);
            let json = net_guide::decide::json::decision_json(&decision);
            out(&(serde_json::to_string_pretty(&json).unwrap_or_default() + "\n"))?;
            Ok(ExitCode::SUCCESS)
        }
        "passages" => {
            let json = flags.switch("--json");
            flags.finish()?;
            if !json {
                return Err("passages needs --json".into());
            }
            out(&(passages_json() + "\n"))?;
            Ok(ExitCode::SUCCESS)
        }
        "ask" => {
            let audience = audience_arg(&mut flags)?;
            let profile = optional_profile_arg(&mut flags)?;
            if !flags.switch("--json") {
                return Err("ask needs --json".into());
            }
            let question = flags.rest_one().ok_or("ask needs a question in quotes")?;
            let reply =
                net_guide::search::view::engine().ask(&question, audience, profile.as_ref());
            out(&(serde_json::to_string(&reply).unwrap_or_else(|_| "{}".into()) + "\n"))?;
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command `{other}`").into()),
    }
}

/// Reads and validates a SPEC §5 profile from a file or stdin (`-`).
/// `--audience A` (patient when absent).
fn audience_arg(flags: &mut Flags) -> Result<Audience, Failure> {
    match flags.take("--audience") {
        None => Ok(Audience::DEFAULT),
        Some(a) => Audience::parse(&a).ok_or_else(|| {
            format!("unknown audience `{a}` for --audience: use patient, caregiver or clinician")
                .into()
        }),
    }
}

/// `--attribute NAME=VALUE`: one attribute of the `<net-guide>` element the fragment goes in.
/// A name the element does not have is refused, since the widget would ignore it.
fn attribute_arg(pair: &str) -> Result<(String, String), Failure> {
    let names = net_guide::widget::settings::attribute_names();
    match pair.split_once('=') {
        Some((name, value)) if names.iter().any(|n| n == name) => {
            Ok((name.to_string(), value.to_string()))
        }
        _ => Err(format!(
            "--attribute needs NAME=VALUE with one of the element's attributes ({}), not `{pair}`",
            names.join(", ")
        )
        .into()),
    }
}

/// `--profile FILE|-`, when given.
fn optional_profile_arg(flags: &mut Flags) -> Result<Option<net_guide::decide::Profile>, Failure> {
    flags
        .take("--profile")
        .map(|source| read_profile(&source))
        .transpose()
}

fn read_profile(source: &str) -> Result<net_guide::decide::Profile, Failure> {
    read_profile_text(source).map_err(|e| Failure::BadInput(format!("bad profile: {e}")))
}

fn read_profile_text(source: &str) -> Result<net_guide::decide::Profile, String> {
    let text = if source == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|e| format!("cannot read it from stdin: {e}"))?;
        s
    } else {
        std::fs::read_to_string(source).map_err(|e| format!("cannot read file {source}: {e}"))?
    };
    net_guide::decide::json::parse_profile(&text)
}

/// Writes to stdout and flushes, so a failed write (`> /dev/full`, a closed pipe) is reported
/// as an error instead of being lost or panicking.
fn out(text: &str) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(Failure::Output)
}

/// content/ next to the current directory, else the one this binary was built from.
fn default_content_dir() -> PathBuf {
    let here = PathBuf::from("content");
    if here.join("article.toml").is_file() {
        here
    } else {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content")
    }
}

/// One passage per paragraph or list of every topic, for every audience.
fn passages_json() -> String {
    let out: Vec<serde_json::Value> = net_guide::search::passages(kb())
        .into_iter()
        .map(|p| {
            serde_json::json!({
                "id": p.id,
                "topic": p.topic,
                "audience": p.audience.id(),
                "title": p.title,
                "text": p.text,
                "cites": p.cites,
            })
        })
        .collect();
    serde_json::to_string(&out).unwrap_or_else(|_| "[]".into())
}

/// Minimal flag parsing: `--name value` pairs and bare switches; anything unknown is an error.
struct Flags(Vec<String>);

impl Flags {
    fn parse(args: &[String]) -> Result<Self, String> {
        Ok(Flags(args.to_vec()))
    }

    fn take(&mut self, name: &str) -> Option<String> {
        let i = self.0.iter().position(|a| a == name)?;
        if i + 1 < self.0.len() {
            let value = self.0.remove(i + 1);
            self.0.remove(i);
            Some(value)
        } else {
            self.0.remove(i);
            Some(String::new())
        }
    }

    fn switch(&mut self, name: &str) -> bool {
        let before = self.0.len();
        self.0.retain(|a| a != name);
        before != self.0.len()
    }

    /// The one remaining argument (a question), refusing more.
    fn rest_one(mut self) -> Option<String> {
        (self.0.len() == 1).then(|| self.0.remove(0))
    }

    fn finish(self) -> Result<(), String> {
        match self.0.first() {
            None => Ok(()),
            Some(a) => Err(format!("unexpected argument `{a}`")),
        }
    }
}
