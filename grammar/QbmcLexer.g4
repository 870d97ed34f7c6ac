/*
 * Tokens for the two textual forms QEMU users paste: dotted option strings and the JSON dialect
 * of json: filenames. One lexer, two entry modes: the caller selects JSON mode before the first
 * token when it has stripped a "json:" prefix.
 *
 * The lexer is deliberately permissive. QemuOpts (--image-opts, -drive) accepts almost any key
 * text and keyval (-blockdev) is strict; that difference, like every QEMU error message, belongs
 * to the code that reads the tokens, where it can be reported with an exact span.
 */
lexer grammar QbmcLexer;

// ---- dotted option strings: key mode ----
COMMA  : ',' ;
EQUALS : '=' -> pushMode(VALUE) ;
// A key runs to the next '=' or ','; dots and fragment rules are checked per dialect.
KEY    : ~[=,]+ ;

mode VALUE;
// Inside a value ",," is one literal comma (util/qemu-option.c get_opt_value); a single comma ends it.
VALUE_TEXT : ( ~',' | ',,' )+ ;
VALUE_END  : ',' -> popMode, type(COMMA) ;

mode JSON;
J_WS       : [ \t\r\n]+ -> skip ;
J_LBRACE   : '{' ;
J_RBRACE   : '}' ;
J_LBRACKET : '[' ;
J_RBRACKET : ']' ;
J_COLON    : ':' ;
J_COMMA    : ',' ;
// QEMU's dialect: single-quoted strings too; raw control characters are refused by its lexer.
J_STRING   : '"' ( J_ESCAPE | ~["\\\u0000-\u001F] )* '"'
           | '\'' ( J_ESCAPE | ~['\\\u0000-\u001F] )* '\''
           ;
// A string that never closes; longest match picks J_STRING whenever the quote is there.
J_OPEN_STRING : '"' ( J_ESCAPE | ~["\\\u0000-\u001F] )* '\\'?
              | '\'' ( J_ESCAPE | ~['\\\u0000-\u001F] )* '\\'?
              ;
J_NUMBER   : '-'? ( '0' | [1-9] [0-9]* ) ( '.' [0-9]+ )? ( [eE] [+-]? [0-9]+ )? ;
// A number QEMU's lexer gives up on (qobject/json-lexer.c): the text so far plus the character it
// failed on, which json-streamer.c reports as "stray '<text>'" (01, -x, 1.}, 1e}).
J_BAD_NUMBER : '-'? '0' [0-9]
             | '-' ~[0-9]?
             | '-'? ( '0' | [1-9] [0-9]* ) '.' ~[0-9]?
             | '-'? ( '0' | [1-9] [0-9]* ) ( '.' [0-9]+ )? [eE] [+-]? ~[0-9]?
             ;
// QEMU lexes any run of lower-case letters as a keyword and leaves unknown ones to the parser.
J_WORD     : [a-z]+ ;
J_STRAY    : . ;

fragment J_ESCAPE : '\\' ~[\u0000-\u001F] ;
