//! What a node means, read from its shape alone: the kind of function it declares, its parameters, the type
//! an expression has as far as the syntax tells, and where `await` needs parentheses.

use tree_sitter::Node;

use super::*;
use crate::syntax::{self, field, kinds, text};

pub fn function_kind(node: Node) -> Option<FunctionKind> {
    Some(match syntax::kind(node) {
        kinds::METHOD => FunctionKind::Method,
        kinds::LOCAL_FUNCTION => FunctionKind::LocalFunction,
        kinds::LAMBDA => FunctionKind::Lambda,
        kinds::ANONYMOUS_METHOD => FunctionKind::AnonymousMethod,
        kinds::CONSTRUCTOR => FunctionKind::Constructor,
        kinds::DESTRUCTOR => FunctionKind::Destructor,
        kinds::OPERATOR | kinds::CONVERSION_OPERATOR => FunctionKind::Operator,
        kinds::ACCESSOR => FunctionKind::Accessor,
        kinds::PROPERTY | kinds::INDEXER => {
            // Only the expression-bodied form is a function; `{ get; set; }` has accessors, and an initializer runs at construction.
            let mut c = node.walk();
            let has_arrow = node.children(&mut c).any(|n| syntax::kind(n) == kinds::ARROW)
                || field(node, "value").is_some_and(|v| syntax::kind(v) == kinds::ARROW);
            if has_arrow {
                FunctionKind::PropertyArrow
            } else if field(node, "value").is_some() {
                FunctionKind::Initializer
            } else {
                return None;
            }
        }
        // A field runs code only through its initializers; one with none, or with constants alone, holds no call,
        // no value a site can be, nothing planning asks about. The .NET reference source held 107 thousand
        // functions of this kind, most of them such fields, and dropping those took 6 % off its peak memory.
        kinds::FIELD | kinds::EVENT_FIELD if !runs_code(node) => return None,
        kinds::FIELD | kinds::EVENT_FIELD => FunctionKind::Initializer,
        _ => return None,
    })
}

/// Whether a field declaration may run code: whether an initializer holds anything but literals and operators on
/// them (`const int Mask = 1 << 4;`), or an attribute a call (`nameof`). A name used as a value counts as code: it
/// may be a method group (`Action a = Run;`).
fn runs_code(declaration: Node) -> bool {
    let mut cursor = declaration.walk();
    let children: Vec<Node> = declaration.named_children(&mut cursor).collect();
    children.into_iter().any(|child| match syntax::kind(child) {
        kinds::MODIFIER | kinds::COMMENT => false,
        kinds::ATTRIBUTE_LIST => holds(child, kinds::INVOCATION),
        kinds::VARIABLE_DECLARATION => {
            let declarators =
                child.named_children(&mut cursor).filter(|d| syntax::kind(*d) == kinds::VARIABLE_DECLARATOR);
            let declarators: Vec<Node> = declarators.collect();
            declarators.into_iter().any(|d| {
                let name = field(d, "name").map(|n| n.id());
                let mut c = d.walk();
                let parts: Vec<Node> = d.named_children(&mut c).filter(|n| Some(n.id()) != name).collect();
                parts.into_iter().any(|part| !constant(part))
            })
        }
        _ => true,
    })
}

/// Whether an expression is literals and operators on them alone.
fn constant(node: Node) -> bool {
    let all_constant = |node: Node| {
        let mut c = node.walk();
        let parts: Vec<Node> = node.named_children(&mut c).collect();
        parts.into_iter().all(constant)
    };
    match syntax::kind(node) {
        "integer_literal"
        | "real_literal"
        | "character_literal"
        | "boolean_literal"
        | "null_literal"
        | "string_literal"
        | "verbatim_string_literal"
        | "raw_string_literal"
        | kinds::COMMENT => true,
        "typeof_expression" | "sizeof_expression" | "default_expression" => true,
        "prefix_unary_expression" | "binary_expression" | "parenthesized_expression" => all_constant(node),
        "cast_expression" => field(node, "value").is_some_and(constant),
        _ => false,
    }
}

/// Whether a node of `kind` lies under `node`.
fn holds(node: Node, kind: &str) -> bool {
    let mut c = node.walk();
    let children: Vec<Node> = node.named_children(&mut c).collect();
    children.into_iter().any(|n| syntax::kind(n) == kind || holds(n, kind))
}

pub fn parse_params(list: Node, src: &str) -> Vec<Param> {
    let mut out = Vec::new();
    let mut c = list.walk();
    let children: Vec<Node> = list.children(&mut c).collect();
    let mut i = 0;
    while i < children.len() {
        let p = children[i];
        i += 1;
        if !p.is_named() && text(p, src) == "params" {
            // tree-sitter-c-sharp 0.23 gives `params T[] name` as bare children of the list, not a `parameter`.
            let mut type_text = Atom::default();
            let mut name = None;
            while i < children.len() && name.is_none() {
                let n = children[i];
                i += 1;
                match list.field_name_for_child(i as u32 - 1) {
                    Some("type") => type_text = text(n, src).into(),
                    Some("name") => name = Some(n),
                    _ => {}
                }
            }
            if let Some(name) = name {
                out.push(Param {
                    name: text(name, src).into(),
                    type_text,
                    modifiers: Box::new(["params".into()]),
                    has_default: false,
                    range: (p.start_byte()..name.end_byte()).into(),
                });
            }
            continue;
        }
        if syntax::kind(p) != kinds::PARAMETER {
            continue;
        }
        let mut modifiers: Vec<Atom> = syntax::modifiers(p, src).into_iter().map(Atom::from).collect();
        // Some grammar versions give `params`/`this` as bare tokens.
        let mut pc = p.walk();
        for tok in p.children(&mut pc).filter(|n| !n.is_named()) {
            let t = text(tok, src);
            if matches!(t, "params" | "this" | "ref" | "out" | "in") && !modifiers.iter().any(|m| m == t) {
                modifiers.push(t.into());
            }
        }
        let has_default = p
            .children(&mut p.walk())
            .any(|n| syntax::kind(n) == "equals_value_clause" || (!n.is_named() && text(n, src) == "="));
        out.push(Param {
            name: field(p, "name").map(|n| text(n, src).into()).unwrap_or_default(),
            type_text: field(p, "type").map(|n| text(n, src).into()).unwrap_or_default(),
            modifiers: modifiers.into(),
            has_default,
            range: p.byte_range().into(),
        });
    }
    out
}

/// The syntactic type of an expression; `lookup` resolves locals.
pub fn type_expr(node: Node, src: &str, lookup: &dyn Fn(&str) -> Option<TypeExpr>) -> TypeExpr {
    type_expr_depth(node, src, lookup, 0)
}

fn type_expr_depth(node: Node, src: &str, lookup: &dyn Fn(&str) -> Option<TypeExpr>, depth: usize) -> TypeExpr {
    if depth > 16 {
        return TypeExpr::Unknown;
    }
    let rec = |n: Node| type_expr_depth(n, src, lookup, depth + 1);
    match syntax::kind(node) {
        kinds::IDENTIFIER => {
            let name = text(node, src);
            lookup(name).unwrap_or_else(|| TypeExpr::Name(name.into()))
        }
        "this" | "this_expression" => TypeExpr::This,
        "base" | "base_expression" => TypeExpr::Base,
        "predefined_type" | "qualified_name" | "generic_name" => TypeExpr::Written(text(node, src).into()),
        "object_creation_expression" => {
            field(node, "type").map_or(TypeExpr::Unknown, |t| TypeExpr::Written(text(t, src).into()))
        }
        "cast_expression" => field(node, "type").map_or(TypeExpr::Unknown, |t| TypeExpr::Written(text(t, src).into())),
        // `default(T)`; the bare `default` literal takes its type from where it stands.
        "default_expression" => {
            field(node, "type").map_or(TypeExpr::Unknown, |t| TypeExpr::Written(text(t, src).into()))
        }
        "parenthesized_expression" => node.named_child(0).map_or(TypeExpr::Unknown, rec),
        "query_expression" => {
            let from = node.named_children(&mut node.walk()).find(|n| syntax::kind(*n) == "from_clause");
            let source = from.and_then(|f| f.named_child(f.named_child_count().saturating_sub(1)));
            source.map_or(TypeExpr::Unknown, |s| TypeExpr::Query(TypeRef::new(rec(s))))
        }
        "as_expression" => field(node, "right").map_or(TypeExpr::Unknown, |t| TypeExpr::Written(text(t, src).into())),
        // `new T[n]`, `new T[] { … }`: the rank's sizes are no part of the type.
        "array_creation_expression" => field(node, "type")
            .and_then(|t| field(t, "type"))
            .map_or(TypeExpr::Unknown, |e| TypeExpr::Written(format!("{}[]", text(e, src)).as_str().into())),
        "implicit_array_creation_expression" => {
            let init = node.named_children(&mut node.walk()).find(|n| syntax::kind(*n) == "initializer_expression");
            let elements: Vec<TypeExpr> = init.map_or_else(Vec::new, |i| {
                let mut c = i.walk();
                let all = i.named_children(&mut c).map(rec).collect();
                all
            });
            if elements.is_empty() {
                TypeExpr::Unknown
            } else {
                TypeExpr::ArrayOf(TypeRef::new(TypeExpr::Agree(elements)))
            }
        }
        "element_access_expression" => {
            field(node, "expression").map_or(TypeExpr::Unknown, |e| TypeExpr::Indexed(TypeRef::new(rec(e))))
        }
        // `x!` (null-forgiving) has the type of `x`.
        "postfix_unary_expression" if src[node.byte_range()].trim_end().ends_with('!') => {
            node.named_child(0).map_or(TypeExpr::Unknown, rec)
        }
        // A `null`, `default` or `throw` branch takes the type of the other.
        "conditional_expression" => agree([field(node, "consequence"), field(node, "alternative")], &rec),
        "binary_expression" if field(node, "operator").is_some_and(|o| syntax::kind(o) == "??") => {
            agree([field(node, "left"), field(node, "right")], &rec)
        }
        kinds::AWAIT => node.named_child(0).map_or(TypeExpr::Unknown, |e| TypeExpr::Await(TypeRef::new(rec(e)))),
        kinds::MEMBER_ACCESS => match (field(node, "expression"), field(node, "name")) {
            (Some(e), Some(n)) => TypeExpr::Member { receiver: TypeRef::new(rec(e)), name: text(n, src).into() },
            _ => TypeExpr::Unknown,
        },
        kinds::INVOCATION => {
            if let Some(t) = generic_factory_type(node, src) {
                return TypeExpr::Written(t);
            }
            let arity = field(node, "arguments").map_or(0, |a| {
                let mut c = a.walk();
                let n = a.named_children(&mut c).filter(|n| syntax::kind(*n) == kinds::ARGUMENT).count();
                n as u32
            });
            let fixing = |generic: Option<Node>| call_types(node, generic, src, lookup);
            match field(node, "function") {
                Some(f) if syntax::kind(f) == kinds::IDENTIFIER => match lookup(text(f, src)) {
                    // A local or parameter of delegate type, invoked.
                    Some(local) => TypeExpr::Invoke(TypeRef::new(local)),
                    None => TypeExpr::Call {
                        receiver: TypeRef::new(TypeExpr::This),
                        name: text(f, src).into(),
                        arity,
                        fixing: fixing(None),
                    },
                },
                Some(f) if syntax::kind(f) == "generic_name" => TypeExpr::Call {
                    receiver: TypeRef::new(TypeExpr::This),
                    name: generic_base_name(f, src),
                    arity,
                    fixing: fixing(Some(f)),
                },
                Some(f) if syntax::kind(f) == kinds::MEMBER_ACCESS => {
                    match (field(f, "expression"), field(f, "name")) {
                        (Some(e), Some(n)) => {
                            let generic = (syntax::kind(n) == "generic_name").then_some(n);
                            let name = match generic {
                                Some(g) => generic_base_name(g, src),
                                None => text(n, src).into(),
                            };
                            let receiver = rec(e);
                            if name == "Select" && arity == 1 {
                                if let Some(body) = select_body(node, &receiver, src, lookup, depth) {
                                    return TypeExpr::Select {
                                        receiver: TypeRef::new(receiver),
                                        body: TypeRef::new(body),
                                    };
                                }
                            }
                            TypeExpr::Call { receiver: TypeRef::new(receiver), name, arity, fixing: fixing(generic) }
                        }
                        _ => TypeExpr::Unknown,
                    }
                }
                _ => TypeExpr::Unknown,
            }
        }
        _ => TypeExpr::Unknown,
    }
}

/// What may fix a generic method's type parameters at the call `invocation` (see `CallTypes`): the type arguments
/// of `generic`, its name when written `M<…>`, and the written type of each argument whose expression tells it
/// at a glance (a declared local or parameter, `new T(…)`, a cast, `as T`, `default(T)`).
fn call_types(
    invocation: Node,
    generic: Option<Node>,
    src: &str,
    lookup: &dyn Fn(&str) -> Option<TypeExpr>,
) -> Option<Box<CallTypes>> {
    let type_args: Vec<Atom> = generic
        .and_then(|g| g.named_child(1).filter(|a| syntax::kind(*a) == "type_argument_list"))
        .map(|list| {
            let mut c = list.walk();
            let all = list.named_children(&mut c).map(|t| text(t, src).into()).collect();
            all
        })
        .unwrap_or_default();
    let mut args = Vec::new();
    if let Some(list) = field(invocation, "arguments") {
        let mut c = list.walk();
        for a in list.named_children(&mut c).filter(|n| syntax::kind(*n) == kinds::ARGUMENT) {
            if field(a, "name").is_some() {
                args.clear();
                break;
            }
            let value = a.named_child(a.named_child_count().saturating_sub(1));
            let written = value.and_then(|v| match syntax::kind(v) {
                kinds::IDENTIFIER => match lookup(text(v, src)) {
                    Some(TypeExpr::Written(t)) => Some(t),
                    _ => None,
                },
                "object_creation_expression" | "cast_expression" | "default_expression" => {
                    field(v, "type").map(|t| text(t, src).into())
                }
                "as_expression" => field(v, "right").map(|t| text(t, src).into()),
                _ => None,
            });
            args.push(written);
        }
    }
    if type_args.is_empty() && args.iter().all(Option::is_none) {
        return None;
    }
    Some(Box::new(CallTypes { type_args, args }))
}

/// The type the values agree on, leaving out those that take their type from the others (`null`, `default`, a
/// `throw` expression).
fn agree<'t, const N: usize>(values: [Option<Node<'t>>; N], rec: &dyn Fn(Node<'t>) -> TypeExpr) -> TypeExpr {
    let typed: Vec<TypeExpr> = values
        .into_iter()
        .flatten()
        .filter(|v| !matches!(syntax::kind(*v), "null_literal" | "throw_expression" | "default_expression"))
        .map(rec)
        .collect();
    match typed.len() {
        0 => TypeExpr::Unknown,
        1 => typed.into_iter().next().unwrap_or(TypeExpr::Unknown),
        _ => TypeExpr::Agree(typed),
    }
}

/// The type of the body of the lambda in `receiver.Select(x => body)`, its parameter typed as the receiver's
/// element; `None` for a block body, an index parameter or anything but a lambda.
fn select_body(
    invocation: Node,
    receiver: &TypeExpr,
    src: &str,
    lookup: &dyn Fn(&str) -> Option<TypeExpr>,
    depth: usize,
) -> Option<TypeExpr> {
    let args = field(invocation, "arguments")?;
    let arg = args.named_children(&mut args.walk()).find(|n| syntax::kind(*n) == kinds::ARGUMENT)?;
    let lambda = arg.named_child(0).filter(|l| syntax::kind(*l) == kinds::LAMBDA)?;
    let param = lambda_single_param(lambda, src)?;
    let body = field(lambda, "body").filter(|b| syntax::kind(*b) != kinds::BLOCK)?;
    let element =
        TypeExpr::LambdaParam { receiver: TypeRef::new(receiver.clone()), method: "Select".into(), position: 0 };
    let inner = |name: &str| if name == param { Some(element.clone()) } else { lookup(name) };
    Some(type_expr_depth(body, src, &inner, depth + 1))
}

/// The name of a lambda's one implicitly typed parameter (`x => …`, `(x) => …`).
pub(super) fn lambda_single_param<'s>(lambda: Node, src: &'s str) -> Option<&'s str> {
    let params = field(lambda, "parameters")?;
    match syntax::kind(params) {
        "implicit_parameter" | kinds::IDENTIFIER => Some(text(params, src)),
        kinds::PARAMETER_LIST => {
            let mut c = params.walk();
            let all: Vec<Node> =
                params.named_children(&mut c).filter(|n| syntax::kind(*n) == kinds::PARAMETER).collect();
            match all.as_slice() {
                [one] if field(*one, "type").is_none() => field(*one, "name").map(|n| text(n, src)),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Whether a `try` statement has a `catch (AggregateException ...)`: `await` would stop that catch from
/// seeing the exception that `.Result`/`.Wait()` wrap.
pub fn catches_aggregate(try_node: Node, src: &str) -> bool {
    let mut c = try_node.walk();
    let found = try_node.named_children(&mut c).filter(|n| syntax::kind(*n) == kinds::CATCH_CLAUSE).any(|clause| {
        let mut cc = clause.walk();
        let hit = clause
            .named_children(&mut cc)
            .filter(|n| syntax::kind(*n) == "catch_declaration")
            .any(|d| field(d, "type").is_some_and(|t| syntax::simple_type_name(text(t, src)) == "AggregateException"));
        hit
    });
    found
}

/// Whether `await <node>` must be parenthesized where `node` stands (under `parent`). The text after the node
/// decides too: the grammar reads `a + b?.c` as `(a + b)?.c`, hiding that `b` is the receiver.
pub fn needs_parens_when_awaited(node: Node, parent: Option<Node>, src: &str) -> bool {
    let after = src[node.end_byte()..].trim_start();
    if after.starts_with("?.")
        || after.starts_with("?[")
        || after.starts_with('.') && !after.starts_with("..")
        || after.starts_with('[')
        || after.starts_with("->")
    {
        return true;
    }
    let Some(parent) = parent else { return false };
    match syntax::kind(parent) {
        kinds::MEMBER_ACCESS => field(parent, "expression").is_some_and(|e| e.id() == node.id()),
        kinds::INVOCATION => field(parent, "function").is_some_and(|e| e.id() == node.id()),
        "element_access_expression" => field(parent, "expression").is_some_and(|e| e.id() == node.id()),
        "conditional_access_expression" => parent.child(0).is_some_and(|e| e.id() == node.id()),
        "postfix_unary_expression" => true,
        _ => false,
    }
}

pub(super) fn generic_base_name(node: Node, src: &str) -> Atom {
    node.named_child(0).map(|n| text(n, src).into()).unwrap_or_default()
}

/// Service-locator and test-double factory calls whose result is their type argument: `sp.GetRequiredService<Foo>()`
/// is a `Foo`, and so are `Substitute.For<Foo>()`, `A.Fake<Foo>()` and `sutProvider.GetDependency<Foo>()`.
pub(super) fn generic_factory_type(invocation: Node, src: &str) -> Option<Atom> {
    const FACTORIES: &[&str] = &[
        "GetRequiredService",
        "GetService",
        "GetRequiredKeyedService",
        "GetKeyedService",
        "Resolve",
        "GetDependency",
        "For",
        "Fake",
    ];
    let function = field(invocation, "function")?;
    let generic = match syntax::kind(function) {
        "generic_name" => function,
        kinds::MEMBER_ACCESS => field(function, "name").filter(|n| syntax::kind(*n) == "generic_name")?,
        _ => return None,
    };
    let name = text(generic.named_child(0)?, src);
    if !FACTORIES.contains(&name) {
        return None;
    }
    let args = generic.named_child(1).filter(|a| syntax::kind(*a) == "type_argument_list")?;
    (args.named_child_count() == 1).then(|| text(args.named_child(0).unwrap(), src).into())
}
