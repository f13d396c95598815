/** The web view's look, after Slack's desktop client; system fonts only, nothing fetched. */
export const WEB_VIEW_STYLE = `
*{box-sizing:border-box}
html,body{height:100%;margin:0}
body{font:15px/1.46668 -apple-system,BlinkMacSystemFont,"Segoe UI",Lato,Helvetica,Arial,sans-serif;color:#1d1c1d;background:#fff}
a{color:#1264a3;text-decoration:none}a:hover{text-decoration:underline}
#app{display:flex;height:100vh}
.rail{width:64px;background:#2c0a2d;padding:12px 0;display:flex;flex-direction:column;align-items:center;gap:10px;flex:none}
.rail a{width:36px;height:36px;border-radius:8px;background:#6a4a6b;color:#fff;font-weight:700;display:flex;align-items:center;justify-content:center;text-decoration:none}
.rail a.active{background:#fff;color:#3f0e40;box-shadow:0 0 0 3px #2c0a2d,0 0 0 5px #fff}
.sidebar{width:260px;background:#3f0e40;color:#cfc3cf;display:flex;flex-direction:column;flex:none;overflow-y:auto}
.team{padding:14px 16px 10px;border-bottom:1px solid #522653}
.team-name{color:#fff;font-weight:900;font-size:18px}
.acting{display:block;margin-top:8px;font-size:12px}
.acting select{display:block;width:100%;margin-top:4px;font:inherit;font-size:14px;padding:4px;border-radius:6px;border:1px solid #6a4a6b;background:#522653;color:#fff}
.side-title{padding:16px 16px 4px;font-size:14px;font-weight:700;color:#cfc3cf}
.chan{display:block;padding:3px 16px 3px 26px;color:#cfc3cf;text-decoration:none;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.chan:hover{background:#350d36;text-decoration:none}
.chan.active{background:#1164a3;color:#fff;font-weight:700}
.chan .count{float:right;font-size:12px;opacity:.7}
.side-note{padding:2px 16px 2px 26px;font-size:13px}
.side-note .off{opacity:.6}
main{flex:1;display:flex;flex-direction:column;min-width:0}
.channel-head{padding:10px 20px;border-bottom:1px solid #e2e2e2;flex:none}
.channel-name{font-size:18px;font-weight:900}
.channel-about{font-size:13px;color:#616061;margin-left:8px}
.messages{flex:1;overflow-y:auto;padding:12px 0 24px;display:flex;flex-direction:column}
.messages>:first-child{margin-top:auto}
.intro{padding:24px 20px;color:#616061}.intro b{color:#1d1c1d;font-size:20px;display:block}
.msg{display:flex;gap:8px;padding:8px 20px}
.msg:hover{background:#f8f8f8}
.msg.ephemeral{background:#f4f9fd}
.msg.deleted{color:#616061}
.avatar{width:36px;height:36px;border-radius:6px;color:#fff;font-weight:700;font-size:14px;display:flex;align-items:center;justify-content:center;flex:none}
.avatar.blank{background:#e8e8e8}
.body{flex:1;min-width:0}
.meta{line-height:1.2;margin-bottom:2px}
.author{font-weight:900}
.badge{font-size:10px;font-weight:700;color:#616061;background:#e8e8e8;border-radius:3px;padding:1px 3px;vertical-align:1px}
.time{font-size:12px;color:#616061;margin-left:4px}
.edited{font-size:12px;color:#616061}
.only-you{font-size:12px;color:#616061}
.block{margin:4px 0;overflow-wrap:anywhere}
.section{display:flex;gap:12px;align-items:flex-start}
.section-main{flex:1;min-width:0}
.fields{display:grid;grid-template-columns:1fr 1fr;gap:8px 24px;margin-top:8px}
.header{font-size:18px;font-weight:900;margin-top:8px}
.context{font-size:12px;color:#616061;display:flex;flex-wrap:wrap;gap:4px 8px;align-items:center}
.divider{border:0;border-top:1px solid #e2e2e2;margin:10px 0}
.actions{display:flex;flex-wrap:wrap;gap:8px;margin-top:8px}
code{font:12px Monaco,Menlo,Consolas,monospace;color:#e01e5a;background:#f6f6f6;border:1px solid #e2e2e2;border-radius:3px;padding:1px 3px}
pre{font:12px/1.5 Monaco,Menlo,Consolas,monospace;background:#f8f8f8;border:1px solid #e2e2e2;border-radius:4px;padding:8px;margin:4px 0;white-space:pre-wrap}
blockquote{margin:4px 0;padding-left:12px;border-left:4px solid #ddd}
.mention{background:#e8f5fa;color:#1264a3;border-radius:3px;padding:0 2px}
.btn{display:inline-flex;align-items:center;height:28px;padding:0 12px;border:1px solid rgba(29,28,29,.3);border-radius:4px;background:#fff;color:#1d1c1d;font:700 13px/1 inherit;cursor:pointer;text-decoration:none;white-space:nowrap}
.btn:hover{background:#f8f8f8;text-decoration:none;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.btn.primary{background:#007a5a;border-color:#007a5a;color:#fff}.btn.primary:hover{background:#148567}
.btn.danger{background:#e01e5a;border-color:#e01e5a;color:#fff}.btn.danger:hover{background:#e23067}
.btn[disabled]{opacity:.6;cursor:default}
.busy{opacity:.5;pointer-events:none}
.select,.overflow{height:28px;font:inherit;font-size:13px;border:1px solid rgba(29,28,29,.3);border-radius:4px;background:#fff;padding:0 6px}
.overflow{width:32px;appearance:none;text-align:center;font-weight:700;cursor:pointer}
.inert{display:inline-block;font-size:13px;color:#616061;border:1px dashed #ccc;border-radius:4px;padding:2px 8px}
.image-block,.image-el{display:inline-block;border:1px solid #e2e2e2;border-radius:4px;padding:6px 10px;background:#f8f8f8;font-size:13px}
.image-el{padding:0 4px}
.attachment{border-left:4px solid #ddd;padding:2px 0 2px 12px;margin:6px 0}
.thread{margin-top:6px;border-left:2px solid #e2e2e2;padding-left:8px}
.thread .msg{padding:4px 0}
.thread-count{font-size:13px;font-weight:700;color:#1264a3}
.overlay{position:fixed;inset:0;background:rgba(0,0,0,.55);display:flex;align-items:center;justify-content:center;z-index:10}
.modal{background:#fff;border-radius:8px;width:520px;max-width:92vw;max-height:88vh;display:flex;flex-direction:column;box-shadow:0 18px 48px rgba(0,0,0,.35)}
.modal-head{display:flex;justify-content:space-between;align-items:center;padding:18px 24px 10px}
.modal-title{font-size:22px;font-weight:900}
.x{border:0;background:none;font-size:26px;line-height:1;cursor:pointer;color:#616061}
.modal-body{padding:4px 24px 12px;overflow-y:auto}
.modal-foot{display:flex;justify-content:flex-end;gap:8px;padding:14px 24px;border-top:1px solid #e2e2e2}
.input{margin:12px 0}
.input-label{display:block;font-weight:700;margin-bottom:6px}
.optional,.hint{font-weight:400;color:#616061;font-size:13px}
.field{display:block;width:100%;font:inherit;padding:8px 10px;border:1px solid rgba(29,28,29,.3);border-radius:4px}
.field:focus{outline:none;border-color:#1264a3;box-shadow:0 0 0 3px rgba(29,155,209,.3)}
.choice{display:block;font-weight:400}
.error{color:#e01e5a;font-size:13px;margin-top:4px}.error:empty{display:none}
#toast{position:fixed;left:50%;bottom:24px;transform:translateX(-50%);background:#1d1c1d;color:#fff;padding:10px 16px;border-radius:6px;font-size:14px;opacity:0;transition:opacity .2s;pointer-events:none;z-index:20}
#toast.show{opacity:1}
.empty{padding:40px;color:#616061}
`;
