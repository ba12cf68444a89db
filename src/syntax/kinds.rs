//! Node kind names of tree-sitter-c-sharp that the engine relies on.

pub const MODIFIER: &str = "modifier";
pub const ATTRIBUTE_LIST: &str = "attribute_list";
pub const ATTRIBUTE: &str = "attribute";
pub const METHOD: &str = "method_declaration";
pub const LOCAL_FUNCTION: &str = "local_function_statement";
pub const CONSTRUCTOR: &str = "constructor_declaration";
pub const DESTRUCTOR: &str = "destructor_declaration";
pub const OPERATOR: &str = "operator_declaration";
pub const CONVERSION_OPERATOR: &str = "conversion_operator_declaration";
pub const ACCESSOR: &str = "accessor_declaration";
pub const PROPERTY: &str = "property_declaration";
pub const INDEXER: &str = "indexer_declaration";
pub const FIELD: &str = "field_declaration";
pub const EVENT_FIELD: &str = "event_field_declaration";
pub const LAMBDA: &str = "lambda_expression";
pub const ANONYMOUS_METHOD: &str = "anonymous_method_expression";
pub const INVOCATION: &str = "invocation_expression";
pub const MEMBER_ACCESS: &str = "member_access_expression";
pub const AWAIT: &str = "await_expression";
pub const LOCK: &str = "lock_statement";
pub const BLOCK: &str = "block";
pub const ARROW: &str = "arrow_expression_clause";
pub const RETURN: &str = "return_statement";
pub const YIELD: &str = "yield_statement";
pub const UNSAFE: &str = "unsafe_statement";
pub const QUERY: &str = "query_expression";
pub const ARGUMENT: &str = "argument";
pub const ARGUMENT_LIST: &str = "argument_list";
pub const IDENTIFIER: &str = "identifier";
pub const COMMENT: &str = "comment";
pub const USING_DIRECTIVE: &str = "using_directive";
pub const EXPRESSION_STATEMENT: &str = "expression_statement";
pub const PARAMETER: &str = "parameter";
pub const PARAMETER_LIST: &str = "parameter_list";
pub const VARIABLE_DECLARATOR: &str = "variable_declarator";
pub const VARIABLE_DECLARATION: &str = "variable_declaration";
pub const ASSIGNMENT: &str = "assignment_expression";
pub const CATCH_CLAUSE: &str = "catch_clause";

/// Type declarations whose members the index records.
pub const TYPE_DECLARATIONS: &[&str] = &[
    "class_declaration",
    "struct_declaration",
    "interface_declaration",
    "record_declaration",
    "record_struct_declaration",
];

/// Function-like nodes: the innermost one around a site decides whether `await` can go there.
pub const FUNCTIONS: &[&str] = &[
    METHOD,
    LOCAL_FUNCTION,
    CONSTRUCTOR,
    DESTRUCTOR,
    OPERATOR,
    CONVERSION_OPERATOR,
    ACCESSOR,
    LAMBDA,
    ANONYMOUS_METHOD,
    PROPERTY,
    INDEXER,
    FIELD,
];
