//! The contract between the emitter and `soap_runtime::rt`: soap-codegen's
//! output for `service.wsdl` with
//! `--user-message '{urn:example:shop:msg}shopError=userMessage'`, kept in
//! `generated.rs`. The codegen test `pipeline::golden::runtime_contract_is_current`
//! checks that it is current (`UPDATE_GOLDENS=1` rewrites it).

include!("generated.rs");
