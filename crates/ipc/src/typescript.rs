//! Writes the TypeScript client: the declarations of every type that crosses the boundary
//! (from ts-rs), the error codes, and one typed function per command.

use std::any::TypeId;
use std::collections::BTreeMap;
use std::fmt::Write as _;

use ts_rs::{Config, TS, TypeVisitor};

use crate::IpcError;

/// A type as it is written in TypeScript.
pub(crate) struct TypeRef(String);

impl TypeRef {
    pub(crate) fn of<T: TS + 'static + ?Sized>() -> Self {
        Self(T::name(&config()))
    }
}

/// A workflow's commands, which become one object of the TypeScript client.
pub(crate) struct Group {
    pub(crate) name: &'static str,
    pub(crate) doc: &'static str,
    pub(crate) commands: Vec<Signature>,
}

/// One command's TypeScript signature.
pub(crate) struct Signature {
    name: &'static str,
    doc: &'static str,
    args: Vec<(&'static str, TypeRef)>,
    result: String,
}

impl Signature {
    pub(crate) fn new<R: TS + 'static>(
        name: &'static str,
        doc: &'static str,
        args: Vec<(&'static str, TypeRef)>,
    ) -> Self {
        Self { name, doc, args, result: R::name(&config()) }
    }
}

fn config() -> Config {
    Config::new().with_large_int("number")
}

/// Collects the declaration of every named type reachable from the commands.
#[derive(Default)]
struct Declarations {
    by_name: BTreeMap<String, String>,
    seen: std::collections::HashSet<TypeId>,
}

impl TypeVisitor for Declarations {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        let cfg = config();
        if T::output_path().is_some() {
            let mut decl = String::new();
            if let Some(docs) = T::docs() {
                decl.push_str(&docs);
            }
            let _ = write!(decl, "export {}", T::decl(&cfg));
            self.by_name.insert(T::ident(&cfg), decl);
        }
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

/// A doc comment on one line, for a `JSDoc` comment.
fn one_line(doc: &str) -> String {
    doc.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The complete `bindings.ts`.
pub fn typescript_bindings() -> String {
    let mut types = Declarations::default();
    crate::visit_types(&mut types);
    types.visit::<IpcError>();
    let mut out = String::from(
        "// Generated from the Rust types by `cargo run -p cafehost-ipc --bin write-bindings`. Do not edit by hand.\n\
         /* eslint-disable */\n\n",
    );
    for decl in types.by_name.values() {
        out.push_str(decl.trim_end());
        out.push_str("\n\n");
    }
    let codes: Vec<String> = cafehost_app::AppError::ALL_CODES
        .iter()
        .chain(IpcError::OWN_CODES)
        .chain(cafehost_phones::CaptureError::OWN_CODES)
        .map(|c| format!("  \"{c}\",\n"))
        .collect();
    let _ = write!(
        out,
        "/** Every error code a command can fail with; each has a translation `errors.<code>`. */\n\
         export const ERROR_CODES = [\n{}] as const;\n\n\
         /** An error code. */\n\
         export type ErrorCode = (typeof ERROR_CODES)[number];\n\n\
         /** Sends one command over the IPC bridge; injected so the client can be tested without a window. */\n\
         export type Invoke = <T>(command: string, args: Record<string, unknown>) => Promise<T>;\n\n\
         /** The typed commands, bound to an `invoke` function. */\n\
         export function makeCommands(invoke: Invoke) {{\n  return {{\n",
        codes.concat()
    );
    for group in crate::groups() {
        let _ = writeln!(out, "    /** {} */\n    {}: {{", one_line(group.doc), group.name);
        for sig in group.commands {
            let params: Vec<String> = sig.args.iter().map(|(n, t)| format!("{n}: {}", t.0)).collect();
            let names: Vec<&str> = sig.args.iter().map(|(n, _)| *n).collect();
            let _ = writeln!(
                out,
                "      /** {} */\n      {}: ({}) => invoke<{}>(\"{}\", {{ {} }}),",
                one_line(sig.doc),
                camel_case(sig.name),
                params.join(", "),
                if sig.result == "null" { "void".to_owned() } else { sig.result.clone() },
                sig.name,
                names.join(", ")
            );
        }
        out.push_str("    },\n");
    }
    out.push_str("  } as const;\n}\n\n/** The command client's type. */\nexport type Commands = ReturnType<typeof makeCommands>;\n");
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn camel_case_of_command_names() {
        assert_eq!(super::camel_case("preview_import"), "previewImport");
        assert_eq!(super::camel_case("app_info"), "appInfo");
    }
}
