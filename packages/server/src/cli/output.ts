/**
 * Console output meant for the operator, not the log. One-time passwords are
 * written to standard output by these functions only, never through pino.
 */
export const printOnce = {
  adminPassword(username: string, password: string) {
    process.stdout.write(
      [
        '',
        '================================================================',
        ' Cordon: first administrator created / 已创建首个管理员账号',
        `   username / 用户名:          ${username}`,
        `   one-time password / 初始密码: ${password}`,
        ' Sign in and set a new password now; this is shown only once.',
        ' 请立即登录并修改密码；此密码只显示这一次。',
        '================================================================',
        '',
      ].join('\n') + '\n',
    );
  },

  /** Tells the operator where the console is once the server listens. */
  listening(url: string) {
    process.stdout.write(`Cordon is running: open ${url} in a browser (控制台地址). Stop with Ctrl-C.\n`);
  },

  credentials(rows: Array<{ username: string; role: string; node: string; password: string }>) {
    const lines = rows.map((row) => `  ${row.username.padEnd(22)} ${row.role.padEnd(20)} ${row.password}  ${row.node}`);
    const header = `  ${'username'.padEnd(22)} ${'role'.padEnd(20)} ${'password'.padEnd(16)}  jurisdiction`;
    process.stdout.write([header, ...lines, ''].join('\n') + '\n');
  },
};
