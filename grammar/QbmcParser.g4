/*
 * The two forms' structure. Both rules are total over their token streams except where QEMU
 * itself refuses the syntax (JSON); dotted strings never fail here, their rules are semantic.
 */
parser grammar QbmcParser;

options { tokenVocab = QbmcLexer; }

// key=value items separated by commas; empty items and bare keys are legal tokens-wise
// (QemuOpts reads a bare key as a boolean flag, keyval refuses it).
dotted : item? ( COMMA item? )* EOF ;
item   : KEY ( EQUALS VALUE_TEXT? )?
       | EQUALS VALUE_TEXT?
       ;

// The JSON dialect of json: filenames (qobject/json-parser.c). Object keys are parsed as values
// so that a non-string key gets QEMU's own message, "key is not a string in object". The caller
// parses one jsonValue and looks at what follows itself, as QEMU's JSON streamer does.
jsonValue  : jsonObject | jsonArray | J_STRING | J_NUMBER | J_WORD ;
jsonObject : J_LBRACE ( jsonPair ( J_COMMA jsonPair )* )? J_RBRACE ;
jsonPair   : jsonValue J_COLON jsonValue ;
jsonArray  : J_LBRACKET ( jsonValue ( J_COMMA jsonValue )* )? J_RBRACKET ;
